#include "core/data/png.h"

#include <png.h>
#include <torch/torch.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace ds {
namespace {

void appendBytes(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}
void flushNothing(png_structp) {}

// libpng reports errors through longjmp by default; this handler turns them into a message that
// the caller rethrows after the jump (no C++ exception crosses libpng's C frames).
struct PngErrorState {
  std::jmp_buf jump;
  std::string message;
};
void onPngError(png_structp png, png_const_charp message) {
  auto* state = static_cast<PngErrorState*>(png_get_error_ptr(png));
  state->message = message ? message : "unknown libpng error";
  std::longjmp(state->jump, 1);
}
void onPngWarning(png_structp, png_const_charp) {}

}  // namespace

std::string encodeGrayPng(const std::uint8_t* pixels, int width, int height) {
  if (width < 1 || height < 1) throw PngError("PNG: empty image");
  PngErrorState state;
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, onPngError, onPngWarning);
  if (!png) throw PngError("PNG: out of memory");
  png_infop info = png_create_info_struct(png);
  std::vector<png_bytep> rows(static_cast<std::size_t>(height));
  if (setjmp(state.jump)) {
    png_destroy_write_struct(&png, &info);
    throw PngError("PNG encoding failed: " + state.message);
  }
  png_set_write_fn(png, &out, appendBytes, flushNothing);
  png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  for (int y = 0; y < height; ++y)
    rows[std::size_t(y)] = const_cast<png_bytep>(pixels + std::size_t(y) * std::size_t(width));
  png_set_rows(png, info, rows.data());
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::vector<std::uint8_t> toGrayBytes(const at::Tensor& image) {
  auto bytes = image.detach()
                   .to(torch::kCPU, torch::kFloat32)
                   .add(1)
                   .mul(127.5)
                   .round()
                   .clamp(0, 255)
                   .to(torch::kUInt8)
                   .contiguous();
  return std::vector<std::uint8_t>(bytes.data_ptr<std::uint8_t>(), bytes.data_ptr<std::uint8_t>() + bytes.numel());
}

void writeGrayPng(const std::string& path, const at::Tensor& image) {
  if (image.dim() < 2) throw PngError(path + ": an image needs two dimensions");
  const int h = int(image.size(-2)), w = int(image.size(-1));
  if (image.numel() != std::int64_t(h) * w) throw PngError(path + ": only single-channel images are written");
  const auto bytes = toGrayBytes(image);
  writeFileAtomically(path, encodeGrayPng(bytes.data(), w, h));
}

void writeGrayPngGrid(const std::string& path, const at::Tensor& images, int columns, int gap) {
  if (images.dim() != 4 || images.size(1) != 1) throw PngError(path + ": a grid needs images [N, 1, H, W]");
  const int n = int(images.size(0)), h = int(images.size(2)), w = int(images.size(3));
  columns = std::max(1, std::min(columns, n));
  const int rowsCount = (n + columns - 1) / columns;
  const int width = columns * w + (columns + 1) * gap, height = rowsCount * h + (rowsCount + 1) * gap;
  std::vector<std::uint8_t> sheet(std::size_t(width) * std::size_t(height), 128);
  const auto bytes = toGrayBytes(images);
  for (int i = 0; i < n; ++i) {
    const int ox = gap + (i % columns) * (w + gap), oy = gap + (i / columns) * (h + gap);
    for (int y = 0; y < h; ++y) {
      std::memcpy(&sheet[std::size_t(oy + y) * std::size_t(width) + std::size_t(ox)],
                  &bytes[(std::size_t(i) * std::size_t(h) + std::size_t(y)) * std::size_t(w)], std::size_t(w));
    }
  }
  writeFileAtomically(path, encodeGrayPng(sheet.data(), width, height));
}

at::Tensor readGrayPng(const std::string& path, std::int64_t maxPixels) {
  {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) throw PngError(path + ": is a folder, not a file");
    if (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status)) {
      throw PngError(path + ": is a device, not a file");
    }
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) throw PngError(path + ": cannot open (" + std::strerror(errno) + ")");
  unsigned char signature[8] = {};
  if (std::fread(signature, 1, 8, file.get()) != 8 || png_sig_cmp(signature, 0, 8) != 0)
    throw PngError(path + ": not a PNG file");
  PngErrorState state;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, onPngError, onPngWarning);
  if (!png) throw PngError("PNG: out of memory");
  png_infop info = png_create_info_struct(png);
  at::Tensor out;  // assigned before any longjmp can skip its destructor's relevance
  std::vector<std::uint8_t> pixels;
  std::vector<png_bytep> rows;
  if (setjmp(state.jump)) {
    png_destroy_read_struct(&png, &info, nullptr);
    throw PngError(path + ": a broken or truncated PNG (" + state.message + ")");
  }
  png_init_io(png, file.get());
  png_set_sig_bytes(png, 8);
  png_read_info(png, info);
  const auto width = png_get_image_width(png, info), height = png_get_image_height(png, info);
  if (std::int64_t(width) * std::int64_t(height) > maxPixels) {
    png_destroy_read_struct(&png, &info, nullptr);
    throw PngError(path + ": " + std::to_string(width) + "×" + std::to_string(height) +
                   " pixels is larger than the limit of " + std::to_string(maxPixels));
  }
  // Normalise every colour type and depth to 8-bit gray.
  png_set_strip_16(png);
  png_set_strip_alpha(png);
  png_set_expand_gray_1_2_4_to_8(png);
  png_set_palette_to_rgb(png);
  const auto colorType = png_get_color_type(png, info);
  if (colorType & PNG_COLOR_MASK_COLOR || colorType == PNG_COLOR_TYPE_PALETTE)
    png_set_rgb_to_gray_fixed(png, 1, -1, -1);
  png_read_update_info(png, info);
  pixels.resize(std::size_t(width) * std::size_t(height));
  rows.resize(height);
  for (png_uint_32 y = 0; y < height; ++y) rows[y] = pixels.data() + std::size_t(y) * width;
  png_read_image(png, rows.data());
  png_destroy_read_struct(&png, &info, nullptr);
  out = torch::from_blob(pixels.data(), {std::int64_t(height), std::int64_t(width)}, torch::kUInt8)
            .to(torch::kFloat32)
            .div(127.5)
            .sub(1.0);
  return out;
}

}  // namespace ds
