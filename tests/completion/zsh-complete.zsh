#!/usr/bin/env zsh
# zsh-complete.zsh FPATH_DIR COMMAND_LINE...: for each COMMAND_LINE, prints
# "== COMMAND_LINE" then, one a line, the matches that zsh's completion
# system offers when Tab is pressed at its end, in an interactive zsh (in a
# pseudo-terminal) whose fpath starts with FPATH_DIR and that ran compinit.
#
# compadd is wrapped to write each match it adds to a file; what the
# terminal shows is ignored.
emulate -L zsh
zmodload zsh/zpty || exit 77

local dir=$1 line out
shift
# No EXIT trap: the shell that zpty forks would inherit it, and run it.
local tmp=$(mktemp -d) || exit 1

cat >$tmp/setup.zsh <<SETUP
PS1= PS2= RPS1=
unsetopt zle_bracketed_paste 2>/dev/null
setopt no_beep
KEYTIMEOUT=1  # ^X starts longer bindings: do not wait for more keys
fpath=(${(q)dir} \$fpath)
autoload -Uz compinit && compinit -u -d $tmp/zcompdump
zstyle ':completion:*' menu no
compadd () {
  # -O, -A and -D only ask which would match: nothing is added.
  if (( \${@[(I)-[OAD]*]} )); then
    builtin compadd "\$@"
    return
  fi
  local -a found
  builtin compadd -O found "\$@"
  (( \$#found )) && print -rl -- \$found >>$tmp/matches
  builtin compadd "\$@"
}
# Tab's widget, then the end: one key, so no typeahead (with keys still
# to read, the completion system would insert a Tab instead).
complete-and-finish () {
  zle complete-word
  print -rn -- \$'\n'"<<done>>"\$'\n'
  zle kill-whole-line
  zle accept-line
}
zle -N complete-and-finish
bindkey '^X' complete-and-finish
# Typing starts once the line editor reads: typed ahead, Tab is not a Tab.
zle-line-init () { print -rn -- "<<ready>>" }
zle -N zle-line-init
SETUP

zpty sh zsh -f -i 2>$tmp/err
zpty -w sh ". $tmp/setup.zsh"
for line in "$@"; do
  zpty -r sh out '*<<ready>>*' || break
  rm -f $tmp/matches
  # What Tab would do at the end of the line.
  zpty -wn sh "$line"$'\C-x'
  zpty -r sh out '*<<done>>*' || break
  [[ -n $DEBUG ]] && print -r -- "$out" | cat -A >&2
  print -r -- "== $line"
  [[ -f $tmp/matches ]] && sort -u $tmp/matches
done
zpty -d sh
rm -rf -- $tmp
