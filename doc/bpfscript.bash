# bash completion for bpfscript. Installed by `make install` into
# share/bash-completion/completions/bpfscript.

_bpfscript() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-e) return ;;
	-f) COMPREPLY=($(compgen -W 'text json' -- "$cur")); return ;;
	-B) COMPREPLY=($(compgen -W 'none line full' -- "$cur")); return ;;
	-d)
		# A comma-separated list: complete the stage after the last comma.
		local done=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$done" -W 'ast types ir asm verifier all' -- "${cur##*,}"))
		return ;;
	-c | --cmd) COMPREPLY=($(compgen -c -- "$cur")); return ;;
	-o | --output | --include | --fmt) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-I) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '-e -c --cmd -o --output -f -B -i -q --quiet -v --verbose -d
			--dry-run --unsafe --no-warnings -I --include -k -b --btf --info --metrics --fmt -V --version
			-h --help' -- "$cur"))
		return
	fi
	# The program file: scripts first, any file otherwise.
	COMPREPLY=($(compgen -f -X '!*.bt' -- "$cur") $(compgen -d -- "$cur"))
	[[ ${#COMPREPLY[@]} -eq 0 ]] && COMPREPLY=($(compgen -f -- "$cur"))
	# The first word may be the fmt command.
	[[ $COMP_CWORD -eq 1 && fmt == "$cur"* ]] && COMPREPLY+=(fmt)
}
complete -o filenames -F _bpfscript bpfscript
