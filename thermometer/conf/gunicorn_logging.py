"""Gunicorn's access log without the tokens of personal links (see gunicorn.conf.py)."""

from gunicorn.glogging import Logger

from thermometer.audit.security import mask


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # The request line, path, referer and the environment's copies of them.
        return {key: mask(v) if isinstance(v, str) else v for key, v in atoms.items()}
