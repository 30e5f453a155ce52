# The names of the prompt decks that are not one of the five practices, and the words around a
# prompt's own parts.

deck-repair = After a disagreement
deck-celebrating = Good news
deck-us = The two of you
deck-their-world = Guess, then check
deck-rituals = Little rituals
deck-two-minute = Two minutes
deck-lonely-together = Finding each other
deck-surface-talk = Beyond small talk
keep-it-small = If you'd like to keep it small: { $small }
deck-anniversary = Your anniversary
