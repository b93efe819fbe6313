# fish: completes `git credential-sharokey …` with git-credential-sharokey's
# own completion. Installed in vendor_conf.d, since fish loads a command's
# completion file only for that command, and the git completion of fish 3.6
# does not pass the words of a git-* program on to it.
# SPDX-License-Identifier: LGPL-2.1-or-later

function __fish_git_credential_sharokey_words
    set -l words (commandline -opc)
    set -l at (contains -i -- credential-sharokey $words)
    or return
    set -e words[1..$at]
    complete -C (string join ' ' -- git-credential-sharokey (string escape -- $words) (commandline -ct))
end

complete -c git -f -n 'contains -- credential-sharokey (commandline -opc)' -a '(__fish_git_credential_sharokey_words)'
