"""Bots that choose orders from a side's view of the game."""
