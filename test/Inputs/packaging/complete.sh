# Completes the command lines of test/packaging/bash-completion.test with
# the completion files of the install in $1, and prints each line and its
# completions, sorted.
prefix=$1
export PATH=$prefix/bin:$PATH
for command in tmreport tmcc tmc++ tmctl; do
  source "$prefix/share/bash-completion/completions/$command"
done

complete_line() {
  local line=$1
  read -ra COMP_WORDS <<<"$line"
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  local function
  function=$(complete -p "${COMP_WORDS[0]}" | sed 's/.*-F \([^ ]*\) .*/\1/')
  "$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  local sorted
  sorted=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ')
  echo "[$line] ${sorted% }"
}

complete_line "tmreport "
complete_line "tmreport f"
complete_line "tmreport top --"
complete_line "tmreport flamegraph --c"
complete_line "tmreport top --key t"
complete_line "tmreport diff r"
complete_line "tmreport top -n 5 o"
complete_line "tmcc -ftm"
complete_line "tmc++ --v"
complete_line "tmc++ o"
complete_line "tmctl $$ "
complete_line "tmctl $$ dump o"
