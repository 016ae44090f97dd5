from thermometer.coding.services import code_passage, seed_codebook

from .sources import document


def coded_document(scan):
    """A read document whose first passage is coded with the goal Eigen kracht."""
    source = document(scan)
    seed_codebook(scan)
    code_passage(source.passages.first(), scan.codes.get(key="self_reliance"), user=scan.created_by)
    return source
