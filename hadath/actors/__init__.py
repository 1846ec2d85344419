"""Actors: the knowledge base (`kb`), the gazetteer over it and the resolver that codes
mentions to a country and a sector."""
