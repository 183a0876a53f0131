# Fills mlsys-search.7.in: the version, and the field sections written by man-fields.
execute_process(COMMAND ${FIELDS_TOOL} query-fields OUTPUT_VARIABLE QUERY_FIELDS COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${FIELDS_TOOL} record-keys OUTPUT_VARIABLE RECORD_KEYS COMMAND_ERROR_IS_FATAL ANY)
set(PROJECT_VERSION ${VERSION})
string(STRIP "${QUERY_FIELDS}" QUERY_FIELDS)
string(STRIP "${RECORD_KEYS}" RECORD_KEYS)
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
