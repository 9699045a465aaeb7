# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Reads the source lists from ffaproxy.mk, so that the Makefile fragment a
# hypervisor includes stays the one place that lists the core's sources.
#
# ffaproxy_read_mk(VAR) sets VAR to the absolute paths listed under
# "VAR := \" in ffaproxy.mk.
function(ffaproxy_read_mk var)
  # Editing ffaproxy.mk re-runs CMake.
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               "${PROJECT_SOURCE_DIR}/ffaproxy.mk")
  file(READ "${PROJECT_SOURCE_DIR}/ffaproxy.mk" mk)
  # The assignment line and its continuation lines: each line up to its
  # trailing backslash (excluded from [^...] so the match goes on past it).
  string(REGEX MATCH "${var} :=[^\n\\\\]*(\\\\\n[^\n\\\\]*)*" block "${mk}")
  if(NOT block)
    message(FATAL_ERROR "ffaproxy.mk has no ${var}")
  endif()
  string(REGEX MATCHALL "\\$\\(FFAPROXY_DIR\\)/[^ \t\n\\\\]+" items "${block}")
  set(out "")
  foreach(item IN LISTS items)
    string(REPLACE "$(FFAPROXY_DIR)" "${PROJECT_SOURCE_DIR}" path "${item}")
    list(APPEND out "${path}")
  endforeach()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()
