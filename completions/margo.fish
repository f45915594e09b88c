# fish completion for margo, a terminal reader for news corpora.
#
# The subcommands, their options and the values of --format and --keep are
# asked of margo itself ("margo complete", see margo(1)), and so are the
# tags, entity names and article ids of the library (the one --db names on
# the command line, else margo's own default), so this file never lists
# them and never goes out of date.

# "margo complete ARGS..." with the --db of the command line.
function __margo_ask
    set -l words (commandline -opc)
    set -l db
    for i in (seq 2 (count $words))
        switch $words[$i]
            case --db
                if test $i -lt (count $words)
                    set db --db $words[(math $i + 1)]
                end
            case '--db=*'
                set db --db (string replace -- --db= '' $words[$i])
        end
    end
    command $words[1] $db complete $argv 2>/dev/null
end

# The subcommand of the command line, or nothing.
function __margo_command
    set -l words (commandline -opc)
    set -l skip 0
    for w in $words[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $w
            case --db --tag --note --author --article --format --keep --limit --sentence --separator -o --output --config
                set skip 1
            case '-*'
            case '*'
                echo $w
                return 0
        end
    end
    return 1
end

function __margo_no_command
    not __margo_command >/dev/null
end

# Whether the token before the cursor is one of the options given.
function __margo_after
    set -l words (commandline -opc)
    contains -- $words[-1] $argv
end

# Whether the subcommand is one of those given, and no option waits for
# its value.
function __margo_operand_of
    set -l cmd (__margo_command); or return 1
    contains -- $cmd $argv; or return 1
    not __margo_after --db --tag --note --author --article --format --keep --by --limit --sentence --separator -o --output --config -n
end

complete -c margo -f
complete -c margo -n __margo_no_command -a '(__margo_ask commands (commandline -ct))'
complete -c margo -n __margo_no_command -F
complete -c margo -n 'string match -q -- "-*" (commandline -ct)' -a '(__margo_ask options (__margo_command) (commandline -ct))'
complete -c margo -n '__margo_after --db --config -o --output' -F
complete -c margo -n '__margo_after --tag' -a '(set -l t (commandline -ct); set -l head (string match -r -- ".*," $t); __margo_ask tags (string replace -r -- ".*," "" $t) | string replace -r -- "^" "$head")'
complete -c margo -n '__margo_after --article' -a '(__margo_ask articles (commandline -ct))'
complete -c margo -n '__margo_after --format --keep --by' -a '(__margo_ask values (__margo_command; or echo margo) (commandline -opc)[-1] (commandline -ct))'
complete -c margo -n '__margo_operand_of add import' -F
complete -c margo -n '__margo_operand_of mentions timeline' -a '(__margo_ask entities (commandline -ct))'
complete -c margo -n '__margo_operand_of show passages annotate' -a '(__margo_ask articles (commandline -ct))'
