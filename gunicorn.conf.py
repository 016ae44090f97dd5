"""Gunicorn settings read from the project's folder: the access log masks the tokens of
personal links (thermometer.conf.gunicorn_logging)."""

logger_class = "thermometer.conf.gunicorn_logging.MaskingLogger"
