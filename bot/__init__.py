"""election-abroad-bot: answers questions about how Russian citizens in Central Asia voted in 2024."""

__version__ = "0.1.0"
