# Learned-denoiser benchmarks (issue 4), included by bench/CMakeLists.txt.
# bench_mlp train|sample — see the header of bench_mlp.cpp; bench_mlp.py is the Python peer.
add_executable(bench_mlp ${CMAKE_CURRENT_LIST_DIR}/bench_mlp.cpp)
target_link_libraries(bench_mlp PRIVATE ds::core ds_options)
target_precompile_headers(bench_mlp REUSE_FROM diffusion_core)
