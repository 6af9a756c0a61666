"""The plain-Python model of SES configuration sets: no pytest, no moto, no botocore."""
