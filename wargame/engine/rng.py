"""The game's random numbers: SplitMix64, its whole state one integer kept in GameState.

Python's `random` only promises `random()` to stay stable across versions, and its state
is large; this generator is a few lines, never changes under us, and saves as one int.
"""

from __future__ import annotations

MASK64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """Turn any integer seed into a generator state (mixing, so seeds 1, 2, 3 diverge)."""
    _, value = next_u64(seed & MASK64)
    return value


def next_u64(state: int) -> tuple[int, int]:
    """Return (new_state, 64-bit output)."""
    state = (state + GOLDEN_GAMMA) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def below(state: int, n: int) -> tuple[int, int]:
    """Return (new_state, an unbiased integer in [0, n)) by rejection sampling."""
    if n <= 0:
        raise ValueError("n must be positive")
    limit = (1 << 64) - ((1 << 64) % n)
    while True:
        state, value = next_u64(state)
        if value < limit:
            return state, value % n


def derive_state(*parts: object) -> int:
    """A generator state derived from labelled parts (e.g. seed, turn, side).

    Bots draw from a stream derived this way instead of the game's own generator, so the
    rules' rolls depend only on the seed and the orders given: replaying an order log
    reproduces the game without re-running any bot.
    """
    import hashlib

    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return seed_state(int.from_bytes(digest[:8], "big"))


class Stream:
    """A private SplitMix64 stream (for bots), never stored in the game state."""

    __slots__ = ("state",)

    def __init__(self, state: int) -> None:
        self.state = state

    def below(self, n: int) -> int:
        self.state, value = below(self.state, n)
        return value
