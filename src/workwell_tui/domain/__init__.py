"""Pure Python rules of the WorkWell service. Nothing here may import textual or the database."""
