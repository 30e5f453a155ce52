# /anniversary: su registro, sus respuestas privadas, la nota en el canal cuando cambia la fecha
# y la línea que marca el día mismo.

anniv-command = Su aniversario: verlo, guardarlo o borrarlo.
anniv-command-show = Ver la fecha de su aniversario.
anniv-command-set = Guardar o cambiar la fecha de su aniversario.
anniv-command-set-date = La fecha, como año-mes-día (por ejemplo, 2019-03-14).
anniv-command-clear = Borrar la fecha de su aniversario.

# El botón bajo la nota del canal: muestra la fecha en privado a quien lo pulsa.
anniv-see-the-date-button = Ver la fecha

# Una fecha en palabras ($month: del 1 al 12).
anniv-long-date = { $day } de { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de { $year }

# Cuándo llega el próximo aniversario ($years: qué aniversario es, 1 como mínimo).
anniv-next-today = Hoy es su aniversario: { $years ->
    [one] cumplen { $years } año
   *[other] cumplen { $years } años
}.
anniv-next = Su próximo aniversario es el { $date }: { $years ->
    [one] cumplirán { $years } año
   *[other] cumplirán { $years } años
}.

# /anniversary show y el botón Ver la fecha: la fecha, luego (si lo hay) cuándo llega el próximo
# aniversario y, en una línea aparte, lo que cualquiera de los dos puede hacer.
anniv-is = Su aniversario es el { $date }.
anniv-change-or-clear = Cualquiera de los dos puede cambiarlo con /anniversary set o borrarlo con /anniversary clear.
anniv-none = Todavía no han guardado la fecha de su aniversario. Cualquiera de los dos puede hacerlo con /anniversary set, por ejemplo date:2019-03-14. Es de los dos: podrán verla tanto tú como tu pareja, y en el canal se avisa (sin mostrar la fecha) cada vez que cambia.
anniv-none-to-clear = No hay ninguna fecha de aniversario que borrar.

# La respuesta privada a quien guardó o cambió la fecha: lo que se guardó, luego (si lo hay)
# cuándo llega el próximo aniversario y, en una línea aparte, lo que pasará después.
anniv-changed = Cambiado: su aniversario ahora es el { $date } (antes era el { $was }).
anniv-saved = Guardado: su aniversario es el { $date }.
anniv-on-the-day = Ese día, la primera propuesta del día tratará de su historia, salvo que las propuestas estén en pausa o que esa se haya saltado. Tu pareja verá en el canal una nota breve diciendo que hiciste este cambio; la nota no muestra la fecha.
anniv-unchanged = Su aniversario ya es el { $date }, así que no cambió nada.
anniv-changed-enough = La fecha ha cambiado varias veces en el último día, así que por ahora la dejo como está. Cualquiera de los dos podrá volver a cambiarla mañana a esta misma hora.
anniv-cleared = Borrada: haven ya no guarda ninguna fecha de aniversario para ustedes. Tu pareja verá en el canal una nota breve diciendo que la borraste.

# Por qué no se aceptó una fecha escrita.
anniv-date-malformed = No pude leer eso como una fecha. Escríbela como año-mes-día, por ejemplo, 2019-03-14.
anniv-date-no-such-day = Ese día no está en el calendario. Revisa el mes y el día (el 29 de febrero solo existe en los años bisiestos).
anniv-date-too-early = Elige una fecha a partir de 1900.
anniv-date-in-the-future = Esa fecha todavía no ha llegado. Un aniversario recuerda un día que ya vivieron: elige hoy o una fecha anterior.

# Las notas del canal cuando alguien de la pareja guarda, cambia o borra la fecha: no mencionan
# a nadie y nunca muestran la fecha.
anniv-set-note = { $by } guardó la fecha de su aniversario. Pulsen el botón para verla.
anniv-changed-note = { $by } cambió la fecha de su aniversario. Pulsen el botón para verla.
anniv-cleared-note = { $by } borró la fecha de su aniversario. Cualquiera de los dos puede volver a guardarla con /anniversary set.

# La línea al principio de la propuesta del día del aniversario: el mismo día de la fecha guardada, y
# luego en cada aniversario.
anniv-line-the-day = Hoy es el día que eligieron recordar. Feliz aniversario.
anniv-line = Feliz aniversario: hoy cumplen { $years ->
    [one] { $years } año
   *[other] { $years } años
}.
