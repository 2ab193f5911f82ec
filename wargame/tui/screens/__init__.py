"""The screens: title, board, turn report, game over and after-action, help, dialogs."""
