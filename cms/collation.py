"""Polish alphabetical order without ICU: ą after a, ć after c, ł after l, ś after s, ź and ż
after z. Python sorts by code point, which puts "łódzkie", "śląskie" and "świętokrzyskie" after
every other name and "mazowieckie" before "małopolskie"."""

POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_RANK = {letter: index for index, letter in enumerate(POLISH_ALPHABET)}


def polish_key(text):
    """A sort key for Polish text: letters by the Polish alphabet, case-insensitive, other
    characters (digits, spaces, punctuation) before the letters, in code-point order."""
    return tuple(
        (1, _RANK[char]) if char in _RANK else (0, ord(char)) for char in str(text).casefold()
    )
