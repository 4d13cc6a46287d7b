"""Demo data of the registry: the models of affiliation and the organizations."""
