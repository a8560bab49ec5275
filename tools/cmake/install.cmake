# Installing and packaging the native program (included at the end of the
# top-level CMakeLists.txt; nothing here applies to the web build).
#
#   cmake --install build/native --prefix ~/.local        # or /usr/local (the default), with sudo
#   cpack --config build/native/CPackConfig.cmake -G DEB  # -> steppe-atlas_VERSION_ARCH.deb
#
# What is installed, under the prefix:
#   bin/steppe-atlas                                 the program (the build tree's steppe_atlas)
#   share/applications/steppe-atlas.desktop          the desktop entry
#   share/icons/hicolor/scalable/apps/steppe-atlas.svg, and NxN/apps/steppe-atlas.png
#   share/man/man1/steppe-atlas.1.gz                 the man page
#   share/doc/steppe-atlas/README.md
# Bundle and fonts are compiled into the program: it needs SDL2 and the C library only.
if(EMSCRIPTEN OR NOT TARGET steppe_atlas)
  return()
endif()
include(GNUInstallDirs)

set(STEPPE_PACKAGING_DIR ${CMAKE_SOURCE_DIR}/tools/packaging)

# The version lives in one place, beside the --version code that prints it.
file(STRINGS ${CMAKE_SOURCE_DIR}/src/cli/cli_args.h STEPPE_VERSION_LINE
     REGEX "^#define STEPPE_VERSION \"[0-9][^\"]*\"")
string(REGEX REPLACE "^#define STEPPE_VERSION \"([^\"]*)\".*" "\\1" STEPPE_VERSION "${STEPPE_VERSION_LINE}")
if(NOT STEPPE_VERSION)
  message(FATAL_ERROR "no '#define STEPPE_VERSION \"...\"' line in src/cli/cli_args.h")
endif()

# --- the program ------------------------------------------------------------------
# Installed as steppe-atlas (the usual spelling of a command) while the build
# tree keeps steppe_atlas, which the scripts and tests run. install(TARGETS)
# rather than install(PROGRAMS) so that `cmake --install --strip` and CPack
# strip it; the rename follows it, and the manifest (used to uninstall) is
# told of the new name.
install(TARGETS steppe_atlas RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(CODE "
  set(steppe_bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  message(STATUS \"Renaming: \${steppe_bin}/steppe_atlas -> steppe-atlas\")
  file(RENAME \"\${steppe_bin}/steppe_atlas\" \"\${steppe_bin}/steppe-atlas\")
  list(REMOVE_ITEM CMAKE_INSTALL_MANIFEST_FILES \"\${steppe_bin}/steppe_atlas\")
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${steppe_bin}/steppe-atlas\")
")

# --- desktop entry and icons ------------------------------------------------------------
install(FILES ${STEPPE_PACKAGING_DIR}/steppe-atlas.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${STEPPE_PACKAGING_DIR}/steppe-atlas.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# PNGs for desktops and docks that do not draw SVG icons, rendered from the
# SVG at build time (not committed: they would drift from it). Without
# rsvg-convert (Debian's librsvg2-bin, installed by tools/setup.sh) only the
# SVG is installed, and tests/native/package_test.sh fails on the missing PNGs.
find_program(STEPPE_RSVG_CONVERT rsvg-convert)
set(STEPPE_ICON_SIZES 16 24 32 48 64 128 256)
if(STEPPE_RSVG_CONVERT)
  set(icon_outputs)
  foreach(px ${STEPPE_ICON_SIZES})
    set(png ${CMAKE_BINARY_DIR}/icons/${px}x${px}/steppe-atlas.png)
    add_custom_command(
      OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${px}x${px}
      COMMAND ${STEPPE_RSVG_CONVERT} --width ${px} --height ${px} --format png
              --output ${png} ${STEPPE_PACKAGING_DIR}/steppe-atlas.svg
      DEPENDS ${STEPPE_PACKAGING_DIR}/steppe-atlas.svg
      COMMENT "Rendering the ${px} px icon"
      VERBATIM)
    list(APPEND icon_outputs ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${px}x${px}/apps)
  endforeach()
  add_custom_target(steppe_icons ALL DEPENDS ${icon_outputs})
else()
  message(WARNING "rsvg-convert not found (Debian: librsvg2-bin): only the SVG icon will be installed")
endif()

# --- man page and README -------------------------------------------------------------
# Compressed, as Debian's policy has man pages; -n keeps the name and time out
# of the gzip header so the package is the same from one build to the next.
find_program(STEPPE_GZIP gzip)
set(STEPPE_MAN_PAGE ${STEPPE_PACKAGING_DIR}/steppe-atlas.1)
if(STEPPE_GZIP)
  set(man_gz ${CMAKE_BINARY_DIR}/man/steppe-atlas.1.gz)
  add_custom_command(
    OUTPUT ${man_gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND sh -c "${STEPPE_GZIP} -9 -n -c \"$1\" > \"$2\"" sh ${STEPPE_MAN_PAGE} ${man_gz}
    DEPENDS ${STEPPE_MAN_PAGE}
    COMMENT "Compressing the man page"
    VERBATIM)
  add_custom_target(steppe_man_page ALL DEPENDS ${man_gz})
  install(FILES ${man_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  install(FILES ${STEPPE_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/steppe-atlas)

# --- the Debian package (cpack -G DEB) ----------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME steppe-atlas)
set(CPACK_PACKAGE_VERSION ${STEPPE_VERSION})
set(CPACK_PACKAGE_VENDOR "Steppe Atlas developers")
set(CPACK_PACKAGE_CONTACT "Steppe Atlas developers <dev@steppe-atlas.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "interactive atlas of Central Asia, offline")
# The long description; CPack puts the summary above it and indents it as
# debian/control wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "An atlas of Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan, Turkmenistan,\nAfghanistan and their neighbours, built around source documents on\nKazakhstan's foreign policy and US-Kazakhstan relations (1991-2022): a map\nwith panels, a timeline, search, tours and a quiz. It needs no network;\nits command line lists the content as TSV and renders images for lessons.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps works the dependencies out from the binary: libc6 and
# libsdl2-2.0-0 with the versions it was linked against.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
# No source package: the repository is the source.
set(CPACK_SOURCE_GENERATOR "")
include(CPack)
