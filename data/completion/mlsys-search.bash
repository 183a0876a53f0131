# Bash completion for mlsys-query and mlsys-index: `source data/completion/mlsys-search.bash`,
# or copy it to /etc/bash_completion.d/. Nothing here is a copy of what the commands know:
# option names come from `--completion-options`, query field names from the field table (the
# field lines of `mlsys-query --help`), venues, years and categories from the index
# (`mlsys-query --list-values FACET`, with the --db of the line being completed).

# The --db option of the words before the cursor, as arguments to pass on (none when absent).
_mlsys_db_arguments() {
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --db) printf '%s\n' --db "${COMP_WORDS[i + 1]}"; return ;;
            --db=*) printf '%s\n' "${COMP_WORDS[i]}"; return ;;
        esac
    done
}

# The query field names ("title:", "venue:"), from the field lines of --help ("  title:  words...").
_mlsys_query_fields() {
    "$1" --help 2>/dev/null | sed -n 's/^  \([a-z]*:\) .*/\1/p'
}

_mlsys_complete() {
    local command=${COMP_WORDS[0]} current=${COMP_WORDS[COMP_CWORD]} previous=${COMP_WORDS[COMP_CWORD - 1]}
    local IFS=$'\n'
    local -a db
    mapfile -t db < <(_mlsys_db_arguments)
    COMPREPLY=()
    case $previous in
        --db | --batch)
            mapfile -t COMPREPLY < <(compgen -f -- "$current")
            return ;;
        --venue | --year | --category)
            if [[ ${command##*/} == mlsys-query ]]; then
                mapfile -t COMPREPLY < <(compgen -W "$("$command" "${db[@]}" --list-values "${previous#--}" 2>/dev/null)" -- "$current")
                return
            fi ;;
    esac
    if [[ $current == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$("$command" --completion-options 2>/dev/null)" -- "$current")
    elif [[ ${command##*/} == mlsys-query ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_mlsys_query_fields "$command")" -- "$current")
        [[ ${#COMPREPLY[@]} -gt 0 ]] && compopt -o nospace 2>/dev/null
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$current")
    fi
    return 0
}

complete -F _mlsys_complete mlsys-query mlsys-index
