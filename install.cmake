# What `cmake --install` puts where, and the .deb that installs the same files (CPack):
#   bin/                                   the commands
#   share/mlsys-search/                    the bundled list and the tables it was read with
#   share/man/man1, man7                   manual pages (man/)
#   share/bash-completion/completions/     completion, under each command's name
# An installed mlsys-index given no input indexes share/mlsys-search/papers.jsonl, found beside
# the executable (cli/paths), so a tree installed with any --prefix works.
set(MLSYS_COMMANDS mlsys-index mlsys-query)
if(TARGET mlsys-serve)
  list(APPEND MLSYS_COMMANDS mlsys-serve)
endif()
install(TARGETS ${MLSYS_COMMANDS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(MLSYS_DATA_DIR ${CMAKE_INSTALL_DATADIR}/mlsys-search)
install(FILES data/papers.jsonl data/venues.tsv data/venue-aliases.tsv data/acronyms.tsv data/stopwords.txt
        DESTINATION ${MLSYS_DATA_DIR})
foreach(command ${MLSYS_COMMANDS})
  install(FILES data/completion/mlsys-search.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME ${command})
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mlsys-search)
set(CPACK_PACKAGE_VENDOR "mlsys-search")
set(CPACK_PACKAGE_CONTACT "mlsys-search developers <mlsys-search@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search for research-paper lists, built on Xapian")
set(CPACK_PACKAGE_DESCRIPTION
    "Indexes lists of research papers (papers JSON lines, BEIR, Markdown awesome-lists, BibTeX, CSV) into a Xapian database and searches them from a terminal: ranked keyword search, exact facet counts by venue, year and category, and related work.")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries the commands link, as Debian names their packages (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
