# cmake -DMODULE=<seqlab_relaxed_kernels.wasm> -DOBJDUMP=<wasm-objdump> -P check_kernel_module.cmake
# The relaxed-SIMD kernel module runs on the main module's memory with no stack and no data of its own
# (wasm/kernels/relaxed_sgemm.cpp). A kernel that spilled to a stack would write through the module's own
# stack pointer into the main module's data; so the build fails unless the module imports only env.memory,
# has no data segment, touches no global and calls nothing indirectly.
execute_process(COMMAND "${OBJDUMP}" -x "${MODULE}" OUTPUT_VARIABLE details RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wasm-objdump could not read ${MODULE}")
endif()
if(NOT details MATCHES "Import\\[1\\]:\n - memory\\[0\\][^\n]*<- env\\.memory")
  message(FATAL_ERROR "${MODULE}: the kernel module must import env.memory and nothing else")
endif()
if(details MATCHES "Data\\[" OR details MATCHES "DataCount")
  message(FATAL_ERROR "${MODULE}: the kernel module must have no data segment")
endif()
execute_process(COMMAND "${OBJDUMP}" -d "${MODULE}" OUTPUT_VARIABLE code RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "wasm-objdump could not disassemble ${MODULE}")
endif()
if(code MATCHES "global\\.(get|set)" OR code MATCHES "call_indirect")
  message(FATAL_ERROR "${MODULE}: a kernel uses a global (the stack pointer) or an indirect call; "
                      "keep the kernels free of stack arrays, closures and function pointers")
endif()
if(NOT code MATCHES "f32x4\\.relaxed_madd")
  message(FATAL_ERROR "${MODULE}: no f32x4.relaxed_madd in the kernel module")
endif()
