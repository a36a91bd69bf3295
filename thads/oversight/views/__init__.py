from thads.oversight.views import exemptions, inspections, papers, procuracy, thahc

__all__ = ["exemptions", "inspections", "papers", "procuracy", "thahc"]
