# Desktop integration and the Debian package (docs/building.md, "Installing"). Included from the
# top-level CMakeLists.txt after its install() rules for the programs and their data.
#
#   share/applications/ID.desktop               the menu entry; opens *.dslesson files
#   share/icons/hicolor/scalable/apps/ID.svg    resources/icons/diffusion-studio.svg, the window icon
#   share/metainfo/ID.metainfo.xml              AppStream metadata (software centres)
#   share/mime/packages/ID.xml                  the MIME type of *.dslesson
#
# and CPack's DEB generator: `cpack -G DEB` in a build folder writes diffusion-studio_VERSION_ARCH.deb.

set(DS_APP_ID io.github.diffusionstudio.DiffusionStudio)
# The date of the release project()'s version stands for; change it with the version.
set(DS_RELEASE_DATE 2026-12-02)

set(DS_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
configure_file(${DS_PACKAGING_DIR}/${DS_APP_ID}.metainfo.xml.in
               ${PROJECT_BINARY_DIR}/packaging/${DS_APP_ID}.metainfo.xml @ONLY)

if(TARGET diffusion-studio)
  install(FILES ${DS_PACKAGING_DIR}/${DS_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/diffusion-studio.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${DS_APP_ID}.svg)
  install(FILES ${PROJECT_BINARY_DIR}/packaging/${DS_APP_ID}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${DS_PACKAGING_DIR}/${DS_APP_ID}.mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
          RENAME ${DS_APP_ID}.xml)
endif()

# The Debian package. Its Depends come from the binaries (dpkg-shlibdeps: LibTorch, Qt 6,
# QCustomPlot, …) plus what is loaded at run time and so invisible to dpkg-shlibdeps.
set(DS_PACKAGE_MAINTAINER "Diffusion Studio maintainers <maintainers@users.noreply.r-seed-1c2cc1f2.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME diffusion-studio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Diffusion Studio")
set(CPACK_PACKAGE_CONTACT ${DS_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see, step through and explore denoising diffusion models")
set(CPACK_PACKAGE_DESCRIPTION
    "A desktop application for understanding and using denoising diffusion\n"
    "models. It steps the forward noising chain and the reverse denoising chain\n"
    "frame by frame, compares the true reverse posterior with the model's\n"
    "Gaussian step, trains small networks on data you draw, samples Fashion-MNIST\n"
    "pictures from a bundled U-Net (with classifier-free and classifier guidance)\n"
    "and inpaints masked images. diffusion-cli does the same from the command line.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # RelWithDebInfo programs are ~150 MB each with their debug info
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${DS_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libqt6svg6: Qt's SVG icon engine and image plugin, which draw every icon (a plugin, so no
# binary links it).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
# LibTorch links libblas.so.3, which dpkg-shlibdeps satisfies with any BLAS; the threaded OpenBLAS
# is the one the project is developed and measured with (the reference BLAS works, slowly).
# In Chinese (the Language menu), Qt's own texts come from qt6-translations-l10n and the CJK glyphs
# from a font such as fonts-noto-cjk; without them those texts stay English / show as boxes.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libopenblas0-pthread, qt6-translations-l10n, fonts-noto-cjk")
# The Images and Inpaint lessons' real pictures, and `--data fashion-mnist` of the CLI, read
# Debian's Fashion-MNIST (/usr/share/datasets/fashion-mnist); sampling from the bundled models
# works without it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "dataset-fashion-mnist")
include(CPack)

if(DS_BUILD_TESTS)
  # Fast (< 5 s): the .desktop file, the AppStream metadata and the MIME XML are valid. Skipped
  # (exit 77) when desktop-file-validate or appstreamcli is not installed (scripts/setup installs them).
  add_test(NAME packaging_validate
           COMMAND ${DS_PACKAGING_DIR}/validate ${DS_PACKAGING_DIR}/${DS_APP_ID}.desktop
                   ${PROJECT_BINARY_DIR}/packaging/${DS_APP_ID}.metainfo.xml ${DS_PACKAGING_DIR}/${DS_APP_ID}.mime.xml)
  set_tests_properties(packaging_validate PROPERTIES LABELS packaging SKIP_RETURN_CODE 77 TIMEOUT 60)
  # Slow (minutes): scripts/check-install installs into a temporary prefix, runs both programs from
  # there, builds the .deb and runs it unpacked. Not part of the default run: it is skipped unless
  # DS_TEST_INSTALL=1 is set, e.g. `DS_TEST_INSTALL=1 ctest --preset dev -L install`.
  add_test(NAME install_check COMMAND ${PROJECT_SOURCE_DIR}/scripts/check-install --ctest ${PROJECT_BINARY_DIR})
  set_tests_properties(install_check PROPERTIES LABELS install SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()
