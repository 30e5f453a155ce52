# Los nombres de las barajas de propuestas que no son una de las cinco prácticas, y las palabras
# que acompañan a las partes de una propuesta.

deck-repair = Después de un desacuerdo
deck-celebrating = Buenas noticias
deck-us = Ustedes dos
deck-their-world = Adivina y comprueba
deck-rituals = Pequeños rituales
deck-two-minute = Dos minutos
deck-lonely-together = Reencontrarse
deck-surface-talk = Más allá de la charla trivial
keep-it-small = Si prefieres algo pequeño: { $small }
deck-anniversary = Su aniversario
