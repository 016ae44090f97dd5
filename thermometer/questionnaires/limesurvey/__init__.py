"""Import from LimeSurvey: survey structure (.lss, .lsa) and responses (.lsr in .lsa, CSV)."""
