"""The reference table as package data (YAML files beside this one); see README.md."""
