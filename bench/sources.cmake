# Google Benchmark programs (included by bench/CMakeLists.txt).
add_executable(bench_sampling ${CMAKE_CURRENT_LIST_DIR}/bench_sampling.cpp)
target_link_libraries(bench_sampling PRIVATE ds::core ds_options benchmark::benchmark)
target_precompile_headers(bench_sampling REUSE_FROM diffusion_core)
