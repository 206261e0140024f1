#include "ui/gifwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QSaveFile>

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ds::ui {

namespace {

// GifWriter is not a QObject: its texts name their context (lupdate files them under it too).
struct GifWriterText {
  Q_DECLARE_TR_FUNCTIONS(ds::ui::GifWriter)
};

QString gifError(int code) {
  const char* text = GifErrorString(code);
  return text ? QString::fromLocal8Bit(text) : GifWriterText::tr("giflib error %1").arg(code);
}

int distance2(const GifColorType& c, int r, int g, int b) {
  const int dr = c.Red - r, dg = c.Green - g, db = c.Blue - b;
  return 2 * dr * dr + 4 * dg * dg + db * db;  // green counts most, blue least, as the eye sees
}

// Maps the pixels to the palette with Floyd–Steinberg error diffusion: a smooth gradient (the
// density heat maps) becomes a fine dither instead of a few flat bands when the 256 colours are
// spread over lines, text and fills. `indices` holds the quantiser's index of each original pixel
// on entry (used where it is the closest, so flat areas stay exactly flat) and the result on exit.
void ditherToPalette(int w, int h, const std::vector<GifByteType>& red, const std::vector<GifByteType>& green,
                     const std::vector<GifByteType>& blue, const GifColorType* palette, int colors,
                     std::vector<GifByteType>& indices) {
  colors = std::clamp(colors, 1, 256);
  std::vector<int> lut(32768, -1);  // nearest entry of each 5-bit colour cell, found on first use
  auto nearest = [&](int r, int g, int b) {
    const int key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    if (lut[key] < 0) {
      const int cr = ((r >> 3) << 3) + 4, cg = ((g >> 3) << 3) + 4, cb = ((b >> 3) << 3) + 4;
      int best = 0, bestD = distance2(palette[0], cr, cg, cb);
      for (int k = 1; k < colors; ++k)
        if (const int d = distance2(palette[k], cr, cg, cb); d < bestD) best = k, bestD = d;
      lut[key] = best;
    }
    return lut[key];
  };
  // Errors of this row and the next, 3 channels, one pixel of margin each side.
  std::vector<int> cur(3 * static_cast<size_t>(w + 2), 0), next(cur.size(), 0);
  for (int y = 0; y < h; ++y) {
    std::fill(next.begin(), next.end(), 0);
    for (int x = 0; x < w; ++x) {
      const size_t i = static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x);
      const size_t e = 3 * static_cast<size_t>(x + 1);
      const int r = std::clamp(red[i] + cur[e] / 16, 0, 255);
      const int g = std::clamp(green[i] + cur[e + 1] / 16, 0, 255);
      const int b = std::clamp(blue[i] + cur[e + 2] / 16, 0, 255);
      int k = indices[i] < colors ? indices[i] : 0;
      const int alt = nearest(r, g, b);
      if (distance2(palette[alt], r, g, b) < distance2(palette[k], r, g, b)) k = alt;
      indices[i] = static_cast<GifByteType>(k);
      const int er[3] = {r - palette[k].Red, g - palette[k].Green, b - palette[k].Blue};
      for (int c = 0; c < 3; ++c) {
        cur[e + 3 + c] += er[c] * 7;
        next[e - 3 + c] += er[c] * 3;
        next[e + c] += er[c] * 5;
        next[e + 3 + c] += er[c];
      }
    }
    std::swap(cur, next);
  }
}

}  // namespace

struct GifWriter::State {
  QSaveFile file;
  GifFileType* gif = nullptr;
  QString writeError;  // the QSaveFile's error, when a giflib write failed because of it

  explicit State(const QString& path) : file(path) {}

  // giflib's output function: bytes go to the QSaveFile.
  static int write(GifFileType* gif, const GifByteType* bytes, int length) {
    auto* self = static_cast<State*>(gif->UserData);
    const qint64 written = self->file.write(reinterpret_cast<const char*>(bytes), length);
    if (written != length) {
      if (self->writeError.isEmpty()) self->writeError = self->file.errorString();
      return 0;
    }
    return length;
  }

  // Closes giflib's handle (writing the trailer); the giflib error code, or 0.
  int close() {
    if (!gif) return 0;
    int code = 0;
    const int ok = EGifCloseFile(gif, &code);  // frees `gif` in every case
    gif = nullptr;
    return ok == GIF_OK ? 0 : (code ? code : E_GIF_ERR_CLOSE_FAILED);
  }
};

GifWriter::GifWriter() = default;

GifWriter::~GifWriter() { cancel(); }

bool GifWriter::isOpen() const { return m_state != nullptr; }

int gifDelayForFps(double fps) {
  if (!(fps > 0)) return 10;
  return std::max(1, static_cast<int>(std::lround(100.0 / fps)));
}

bool GifWriter::fail(const QString& reason, QString* error) {
  if (error) *error = GifWriterText::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason);
  cancel();
  return false;
}

bool GifWriter::open(const QString& path, QSize size, int delayCentiseconds, QString* error) {
  cancel();
  m_path = path;
  m_size = size;
  m_delay = std::clamp(delayCentiseconds, 1, 65535);
  m_frames = 0;
  if (size.width() < 1 || size.height() < 1 || size.width() > 65535 || size.height() > 65535)
    return fail(
        GifWriterText::tr("the size %1 × %2 pixels is not possible in a GIF").arg(size.width()).arg(size.height()),
        error);

  m_state = std::make_unique<State>(path);
  if (!m_state->file.open(QIODevice::WriteOnly)) return fail(m_state->file.errorString(), error);
  int code = 0;
  m_state->gif = EGifOpen(m_state.get(), &State::write, &code);
  if (!m_state->gif) return fail(gifError(code), error);
  EGifSetGifVersion(m_state->gif, true);  // GIF89a: delays and the loop extension
  // No global palette: every frame brings its own.
  if (EGifPutScreenDesc(m_state->gif, size.width(), size.height(), 8, 0, nullptr) != GIF_OK)
    return fail(m_state->writeError.isEmpty() ? gifError(m_state->gif->Error) : m_state->writeError, error);
  // Loop forever: NETSCAPE2.0, sub-block 1, loop count 0 (little-endian).
  static const unsigned char kApp[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
  static const unsigned char kLoop[] = {1, 0, 0};
  if (EGifPutExtensionLeader(m_state->gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
      EGifPutExtensionBlock(m_state->gif, sizeof kApp, kApp) != GIF_OK ||
      EGifPutExtensionBlock(m_state->gif, sizeof kLoop, kLoop) != GIF_OK ||
      EGifPutExtensionTrailer(m_state->gif) != GIF_OK)
    return fail(m_state->writeError.isEmpty() ? gifError(m_state->gif->Error) : m_state->writeError, error);
  return true;
}

bool GifWriter::addFrame(const QImage& frame, QString* error) {
  if (!m_state) {
    if (error)
      *error = GifWriterText::tr("Cannot write %1: the file is not open").arg(QDir::toNativeSeparators(m_path));
    return false;
  }
  if (frame.isNull()) return fail(GifWriterText::tr("frame %1 is empty").arg(m_frames + 1), error);
  QImage image = frame.size() == m_size ? frame : frame.scaled(m_size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  image = image.convertToFormat(QImage::Format_RGB888);

  const int w = m_size.width();
  const int h = m_size.height();
  const size_t n = static_cast<size_t>(w) * static_cast<size_t>(h);
  std::vector<GifByteType> red(n), green(n), blue(n), indices(n);
  for (int y = 0; y < h; ++y) {
    const uchar* line = image.constScanLine(y);
    const size_t row = static_cast<size_t>(y) * static_cast<size_t>(w);
    for (int x = 0; x < w; ++x) {
      red[row + x] = line[3 * x];
      green[row + x] = line[3 * x + 1];
      blue[row + x] = line[3 * x + 2];
    }
  }
  int colors = 256;
  GifColorType palette[256] = {};
  if (GifQuantizeBuffer(static_cast<unsigned>(w), static_cast<unsigned>(h), &colors, red.data(), green.data(),
                        blue.data(), indices.data(), palette) != GIF_OK)
    return fail(GifWriterText::tr("frame %1 could not be reduced to 256 colours").arg(m_frames + 1), error);
  // giflib's median cut keeps 5 bits per primary (white would become 248, 248, 248): each entry
  // becomes the mean of the pixels it stands for, so flat areas keep their exact colour.
  {
    std::vector<unsigned long> sum(256 * 3, 0), count(256, 0);
    for (size_t i = 0; i < n; ++i) {
      const int k = indices[i];
      sum[3 * k] += red[i];
      sum[3 * k + 1] += green[i];
      sum[3 * k + 2] += blue[i];
      ++count[k];
    }
    for (int k = 0; k < 256; ++k) {
      if (count[k] == 0) continue;
      const unsigned long half = count[k] / 2;
      palette[k].Red = static_cast<GifByteType>((sum[3 * k] + half) / count[k]);
      palette[k].Green = static_cast<GifByteType>((sum[3 * k + 1] + half) / count[k]);
      palette[k].Blue = static_cast<GifByteType>((sum[3 * k + 2] + half) / count[k]);
    }
  }
  ditherToPalette(w, h, red, green, blue, palette, colors, indices);
  // The palette's size must be a power of two; unused entries stay black.
  ColorMapObject* map = GifMakeMapObject(256, palette);
  if (!map) return fail(GifWriterText::tr("out of memory"), error);

  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.UserInputFlag = false;
  gcb.DelayTime = m_delay;
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType gcbBytes[4];
  const size_t gcbLength = EGifGCBToExtension(&gcb, gcbBytes);

  GifFileType* gif = m_state->gif;
  bool ok = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(gcbLength), gcbBytes) == GIF_OK &&
            EGifPutImageDesc(gif, 0, 0, w, h, false, map) == GIF_OK;
  for (int y = 0; ok && y < h; ++y)
    ok = EGifPutLine(gif, indices.data() + static_cast<size_t>(y) * static_cast<size_t>(w), w) == GIF_OK;
  GifFreeMapObject(map);
  if (!ok) return fail(m_state->writeError.isEmpty() ? gifError(gif->Error) : m_state->writeError, error);
  ++m_frames;
  return true;
}

bool GifWriter::finish(QString* error) {
  if (!m_state) {
    if (error)
      *error = GifWriterText::tr("Cannot write %1: the file is not open").arg(QDir::toNativeSeparators(m_path));
    return false;
  }
  if (m_frames == 0) return fail(GifWriterText::tr("there are no frames to write"), error);
  if (const int code = m_state->close())
    return fail(m_state->writeError.isEmpty() ? gifError(code) : m_state->writeError, error);
  if (!m_state->file.commit()) return fail(m_state->file.errorString(), error);
  m_state.reset();
  return true;
}

void GifWriter::cancel() {
  if (!m_state) return;
  m_state->close();
  m_state->file.cancelWriting();
  m_state.reset();  // QSaveFile removes its temporary file
}

}  // namespace ds::ui
