# Palabras de todas partes: fallos y botones caducados.

something-went-wrong = Hubo un fallo de mi lado, lo siento. No se cambió nada; vuelve a intentarlo en un momento.
dm-not-supported = haven vive dentro de un servidor: usa sus comandos en el canal que compartes con tu pareja.
guild-not-ready = Todavía estoy conociendo este servidor. Vuelve a intentarlo en un momento.
unknown-command = No conozco ese comando (puede que Discord aún esté actualizando mi lista de comandos). Vuelve a intentarlo en un minuto.
bad-options = Ese comando llegó con opciones que no reconozco (puede que Discord aún esté actualizando mi lista de comandos). Vuelve a intentarlo en un minuto.
stale-button = Ese botón ya no es válido. Si todavía lo necesitas, vuelve a usar el comando.
not-text-channel = haven solo puede vivir en un canal de texto normal. Usa /setup en uno, o añade `private_channel:true` y crearé uno para los dos.
