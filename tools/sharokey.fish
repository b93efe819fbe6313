# fish completion for sharokey(1)
# SPDX-License-Identifier: LGPL-2.1-or-later

set -l commands create list get delete stats test create-request list-requests get-request open-request delete-request request-stats config

complete -c sharokey -f
# Accepted before or after the command.
complete -c sharokey -s h -l help -d 'Show help options'
complete -c sharokey -n "__fish_seen_subcommand_from $commands" -l help-all -d 'Show all help options'
complete -c sharokey -n "__fish_seen_subcommand_from $commands" -l help-global -d 'Show the global flags'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version and exit'
complete -c sharokey -n 'not __fish_seen_subcommand_from config' -l api-url -x -d 'Base URL of the API'
complete -c sharokey -n 'not __fish_seen_subcommand_from config' -l token -x -d 'API token (prefer SHAROKEY_TOKEN or the config file)'
complete -c sharokey -n 'not __fish_seen_subcommand_from config' -l timeout -x -d 'Seconds to wait for the server'
complete -c sharokey -l json -d 'Print the API JSON instead of the readable form'

complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a create -d 'Encrypt a secret and print its share link'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a list -d 'List your secrets'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a get -d 'Show the details of a secret'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a delete -d 'Expire a secret and erase its content'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Show statistics about your secrets'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a test -d 'Check configuration, network, token and permissions'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a create-request -d 'Ask someone for a secret'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a list-requests -d 'List your secret requests'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a get-request -d 'Show the details of a secret request'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a open-request -d 'Print the answer to one of your secret requests'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a delete-request -d 'Cancel a secret request'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a request-stats -d 'Show statistics about your secret requests'
complete -c sharokey -n "not __fish_seen_subcommand_from $commands" -a config -d 'Save the token, API URL and timeout, or show them'

# create
complete -c sharokey -n '__fish_seen_subcommand_from create' -l hours -x -d 'Hours before the secret expires (like 2h, 1d, 1w)'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l views -x -d 'How many times the secret can be opened'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l description -x -d 'A description for yourself, shown in lists'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l message -x -d 'A message shown to the recipient'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l password -x -d 'A password the recipient must type'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l password-fd -x -d 'Read that password from a file descriptor'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l captcha -d 'The recipient must solve a captcha'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l otp-email -x -d 'Send a one-time code to this e-mail address'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l otp-phone -x -d 'Send a one-time code by SMS to this number'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l ip-whitelist -x -d 'IP addresses or CIDR ranges allowed to open it'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l geolocation -x -d 'ISO country codes allowed to open it'
complete -c sharokey -n '__fish_seen_subcommand_from create' -l attach -r -F -d 'Attach a file'

# list, list-requests
complete -c sharokey -n '__fish_seen_subcommand_from list list-requests' -l limit -x -d 'Show at most N'
complete -c sharokey -n '__fish_seen_subcommand_from list list-requests' -l status -x -a 'active expired' -d 'Only active or only expired'
complete -c sharokey -n '__fish_seen_subcommand_from list list-requests' -l creator -x -d 'Only those created by this e-mail address'
complete -c sharokey -n '__fish_seen_subcommand_from list list-requests' -l search -x -d 'Only those whose description contains TEXT'
complete -c sharokey -n '__fish_seen_subcommand_from list list-requests' -l page -x -d 'Show page N'
complete -c sharokey -n '__fish_seen_subcommand_from list list-requests' -l all -d 'Show every page'

# create-request
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l message -x -d 'A message shown to the person you ask'
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l description -x -d 'A description for yourself, shown in lists'
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l secret-hours -x -d 'Hours the provided secret lives'
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l request-hours -x -d 'Hours the request stays open'
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l views -x -d 'How many times the provided secret can be opened'
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l email-to -x -d 'E-mail the request to this address'
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l email-reply -x -d 'Where the answer is announced by e-mail'
complete -c sharokey -n '__fish_seen_subcommand_from create-request' -l locale -x -a 'en fr' -d 'Language of the e-mail'

# config: its --token, --api-url and --timeout save the value
complete -c sharokey -n '__fish_seen_subcommand_from config' -l token -x -d 'Save this API token, in the keyring if one can be used (- reads standard input)'
complete -c sharokey -n '__fish_seen_subcommand_from config' -l store -x -a 'keyring file' -d 'Where --token saves the token'
complete -c sharokey -n '__fish_seen_subcommand_from config' -l clear-token -d 'Remove the saved token, from the config file and the keyring'
complete -c sharokey -n '__fish_seen_subcommand_from config' -l api-url -x -d 'Save this API base URL'
complete -c sharokey -n '__fish_seen_subcommand_from config' -l timeout -x -d 'Save this timeout, in seconds'
complete -c sharokey -n '__fish_seen_subcommand_from config' -l show -d 'Show the settings in effect and where each comes from'
