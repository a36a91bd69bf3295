from thads.oversight.views import exemptions, inspections, procuracy, thahc

__all__ = ["exemptions", "inspections", "procuracy", "thahc"]
