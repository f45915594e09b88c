# bash completion for margo, a terminal reader for news corpora.
#
# The subcommands, their options and the values of --format and --keep are
# asked of margo itself ("margo complete", see margo(1)), and so are the
# tags, entity names and article ids of the library (the one --db names on
# the command line, else margo's own default), so this file never lists
# them and never goes out of date.

# "margo complete ARGS..." with the --db of the command line, quietly.
_margo_ask()
{
	"$_margo_prog" "${_margo_db[@]}" complete "$@" 2>/dev/null
}

# A word as typed, quotes and backslashes taken out.
_margo_dequote()
{
	local s=$1
	case $s in
	\'*) s=${s#\'}; s=${s%\'} ;;
	\"*) s=${s#\"}; s=${s%\"} ;;
	*) s=${s//\\\\/$'\001'}; s=${s//\\/}; s=${s//$'\001'/\\} ;;
	esac
	printf '%s' "$s"
}

# COMPREPLY from the lines of "margo complete ARGS...", names that may hold
# spaces: readline quotes them as it does file names.
_margo_reply()
{
	local IFS=$'\n'
	COMPREPLY=($(_margo_ask "$@"))
	compopt -o filenames 2>/dev/null
}

_margo_files()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -f -- "$1"))
	compopt -o filenames 2>/dev/null
}

_margo()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= w i npos=0
	local _margo_prog=${COMP_WORDS[0]}
	local -a _margo_db=()
	case $_margo_prog in "~/"*) _margo_prog=$HOME/${_margo_prog#"~/"} ;; esac
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# "--db=FILE": readline splits the "=" off as a word of its own.
	if [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	[[ $cur == = ]] && cur=
	# The subcommand, the --db given, and how many operands come before.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--db)
			[[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))
			if ((i + 1 < COMP_CWORD)); then
				w=$(_margo_dequote "${COMP_WORDS[i + 1]}")
				case $w in "~/"*) w=$HOME/${w#"~/"} ;; esac
				_margo_db=(--db "$w")
			fi
			((i++))
			;;
		--tag | --note | --author | --article | --format | --keep | --by | --limit | --sentence | \
			--separator | -o | --output | --config)
			((i++))
			;;
		-n)
			# -n N of history; before the command, -n is --no-config
			[[ -n $cmd ]] && ((i++))
			;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=$w
			else
				((npos++))
			fi
			;;
		esac
	done
	COMPREPLY=()

	# The value of an option.
	case $prev in
	--db | --config | -o | --output)
		_margo_files "$(_margo_dequote "$cur")"
		return
		;;
	--tag)
		# "a,b,c": the tag after the last comma.
		local word head= IFS=$'\n'
		word=$(_margo_dequote "$cur")
		[[ $word == *,* ]] && head=${word%,*},
		COMPREPLY=($(_margo_ask tags "${word##*,}"))
		for i in "${!COMPREPLY[@]}"; do
			COMPREPLY[i]=$head${COMPREPLY[i]}
		done
		compopt -o filenames 2>/dev/null
		return
		;;
	--article)
		_margo_reply articles "$cur"
		return
		;;
	--format | --keep | --by)
		_margo_reply values "$cmd" "$prev" "$cur"
		return
		;;
	--note | --author | --limit | --sentence | --separator | -n)
		return
		;;
	esac

	if [[ $cur == -* ]]; then
		_margo_reply options "$cmd" "$cur"
		return
	fi
	case $cmd in
	"")
		# A subcommand, or the paths the reader is to add.
		_margo_reply commands "$cur"
		((${#COMPREPLY[@]})) || _margo_files "$(_margo_dequote "$cur")"
		;;
	add | import)
		_margo_files "$(_margo_dequote "$cur")"
		;;
	mentions | timeline)
		_margo_reply entities "$(_margo_dequote "$cur")"
		;;
	show | passages)
		_margo_reply articles "$cur"
		;;
	annotate)
		((npos == 0)) && _margo_reply articles "$cur"
		;;
	esac
}

complete -F _margo margo
