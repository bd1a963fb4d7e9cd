"""The local stack behind `make run`: moto, the template's resources, seed data, `chalice local`, and an
event pump standing in for Lambda's event source mappings."""
