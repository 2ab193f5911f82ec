"""The seminar room: `wargame serve` (the game in a browser for a whole class, through
textual-serve, one game process per tab, saves per team) and `wargame class` (the
instructor's live view of the class folder). An edge layer, like `tui` and `cli`: it may
use everything, and nothing below it uses it."""
