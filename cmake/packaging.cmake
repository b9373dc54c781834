# Installation and the Debian package.
#
#   cmake --install build --prefix /usr/local   # or DESTDIR=... cmake --install build
#   cd build && cpack -G DEB                    # netfix_<version>_<arch>.deb
#
# The check catalog and the device profiles are compiled into the binary
# (see the top-level CMakeLists.txt), so the only data installed is the
# published JSON Schemas of netfix's files, for tools that read them.
include(GNUInstallDirs)

install(TARGETS netfix RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Man pages compressed as Debian wants them (gzip -9n: no name or time
# stamp, so the package is reproducible); man reads them either way.
set(NETFIX_MAN_PAGES man/netfix.1 man/netfix-checks.7 man/de/netfix-checks.7)
set(NETFIX_MAN_GZ)
foreach(page ${NETFIX_MAN_PAGES})
  set(gz ${PROJECT_BINARY_DIR}/${page}.gz)
  get_filename_component(gz_dir ${gz} DIRECTORY)
  add_custom_command(
    OUTPUT ${gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${gz_dir}
    COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/${page} > ${gz}
    DEPENDS ${PROJECT_SOURCE_DIR}/${page}
    VERBATIM)
  list(APPEND NETFIX_MAN_GZ ${gz})
endforeach()
add_custom_target(man_gz ALL DEPENDS ${NETFIX_MAN_GZ})
install(FILES ${PROJECT_BINARY_DIR}/man/netfix.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_BINARY_DIR}/man/netfix-checks.7.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man7)
install(FILES ${PROJECT_BINARY_DIR}/man/de/netfix-checks.7.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/de/man7)
install(FILES completion/netfix.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME netfix)
install(DIRECTORY schema/ DESTINATION ${CMAKE_INSTALL_DATADIR}/netfix/schema
        FILES_MATCHING PATTERN "*.json")

# man/netfix-checks.7 (and its German twin) are generated from the catalog
# and committed; tests/package/man_fresh.sh fails when they are stale.
# Regenerate: cmake --build build --target man
add_custom_target(
  man
  COMMAND $<TARGET_FILE:netfix> checks --format man --lang en > ${PROJECT_SOURCE_DIR}/man/netfix-checks.7
  COMMAND $<TARGET_FILE:netfix> checks --format man --lang de > ${PROJECT_SOURCE_DIR}/man/de/netfix-checks.7
  DEPENDS netfix
  COMMENT "Writing man/netfix-checks.7 and man/de/netfix-checks.7 from the check catalog"
  VERBATIM)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME netfix)
set(CPACK_PACKAGE_VENDOR "netfix")
set(CPACK_PACKAGE_CONTACT "netfix maintainers <netfix@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "find what is wrong with a home network and write a fix-it report")
set(CPACK_PACKAGE_DESCRIPTION
    "netfix probes the local network (router, Wi-Fi, repeaters, TV and media receivers,
the computer's own connection), diagnoses it with a catalog of checks and writes
a fix-it report in German or English (text, Markdown, HTML, JSON) that a
customer can follow and a technician can act on.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends from the ELF's needs (dpkg-shlibdeps, from dpkg-dev); the list
# below is what it finds on Debian 12 and is used when it is missing.
find_program(NETFIX_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NETFIX_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6, libcurl4, libpcap0.8, libnl-3-200, libnl-genl-3-200, libpugixml1v5, libstdc++6, libgcc-s1")
endif()
# The IEEE OUI list: without it netfix names no vendors (and says so).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ieee-data")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/netfix")
include(CPack)
