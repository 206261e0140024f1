# Google Benchmark programs (included by bench/CMakeLists.txt).
add_executable(bench_sampling ${CMAKE_CURRENT_LIST_DIR}/bench_sampling.cpp)
target_link_libraries(bench_sampling PRIVATE ds::core ds_options benchmark::benchmark)
target_precompile_headers(bench_sampling REUSE_FROM diffusion_core)

# Image models: U-Net forward, 16 × 50-step DDIM with CFG, one training step.
add_executable(bench_images ${CMAKE_CURRENT_LIST_DIR}/bench_images.cpp)
target_link_libraries(bench_images PRIVATE ds::core ds_options benchmark::benchmark)
target_precompile_headers(bench_images REUSE_FROM diffusion_core)
