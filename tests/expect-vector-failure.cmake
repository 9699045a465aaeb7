# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# cmake -DFFA_SIM=... -DFILE=x.fv -DCASE=name -DREGISTER=x0 -P expect-vector-failure.cmake
#
# Passes only when `ffa-sim vectors FILE` exits with a non-zero status and its
# output reports case CASE as failed, naming the file and the register that
# differed; a crash or sanitizer report is not the failure this looks for.

foreach(var FFA_SIM FILE CASE REGISTER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect-vector-failure.cmake: ${var} not set")
  endif()
endforeach()

execute_process(COMMAND "${FFA_SIM}" vectors "${FILE}"
                RESULT_VARIABLE status
                OUTPUT_VARIABLE out
                ERROR_VARIABLE out)
message("${out}")
get_filename_component(file_name "${FILE}" NAME)
string(REPLACE "." "\\." file_re "${file_name}")
set(case_re "${CASE}")

set(problems "")
if(status EQUAL 0)
  list(APPEND problems "ffa-sim exited with status 0")
elseif(NOT status MATCHES "^[0-9]+$")
  list(APPEND problems "ffa-sim did not exit normally: ${status}")
endif()
if(out MATCHES "(AddressSanitizer|LeakSanitizer|runtime error:)")
  list(APPEND problems "a sanitizer reported an error")
endif()
# One line names the failed case, the file and the register (as a word: "x0"
# in "0x0" does not count).
set(line_re "FAIL ${case_re}[^\n]*${file_re}[^\n]*[^0-9A-Za-z_]${REGISTER}([^0-9A-Za-z_]|$)")
if(NOT out MATCHES "${line_re}")
  list(APPEND problems "no line \"FAIL ${CASE} ... ${file_name} ... ${REGISTER} ...\"")
endif()
if(out MATCHES "(^|\n)PASS ${case_re}(\n|$)")
  list(APPEND problems "case ${CASE} was reported as passed")
endif()

if(problems)
  list(JOIN problems "; " problems)
  message(FATAL_ERROR "${FILE}: the wrong expectation was not caught as it should be: ${problems}")
endif()
message(STATUS "ffa-sim rejected ${file_name} (status ${status}) and named case, file and register")
