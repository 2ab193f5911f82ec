"""Presentation shared by every interface (the board, plain mode, the after-action report):
text about the game built from the engine's data, with no terminal or file of its own."""
