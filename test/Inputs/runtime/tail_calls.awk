# Reads llvm-objdump's disassembly of some functions; prints, per function,
# whether it jumps indirectly and every direct jump out of its own body.
# Addresses are compared as hexadecimal text of one width (POSIX awk has
# no hexadecimal numbers).
function hex(text) {
  sub(/^0x/, "", text)
  sub(/:$/, "", text)
  sub(/^0+/, "", text)
  while (length(text) < 16)
    text = "0" text
  return text
}
function finish() {
  if (name == "")
    return
  out = ""
  for (i = 1; i <= njumps; i++)
    if (target[i] < first || target[i] > last)
      out = out " tail call to " label[i]
  printf "%s: %s%s\n", name, indirect ? "indirect jumps, " : "",
         out == "" ? "no tail call" : out
}
/^[0-9a-f]+ <.*>:$/ {
  finish()
  name = $2; gsub(/[<>:]/, "", name)
  first = ""; njumps = 0; indirect = 0
  next
}
/^ +[0-9a-f]+:/ {
  addr = hex($1)
  if (first == "")
    first = addr
  last = addr
  if ($2 ~ /^jmp/) {
    if ($3 ~ /^\*/)
      indirect = 1
    else {
      target[++njumps] = hex($3)
      label[njumps] = $4
    }
  }
}
END { finish() }
