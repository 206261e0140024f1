#pragma once
// An animated GIF written frame by frame with giflib (Debian libgif-dev): each QImage frame is
// quantised to its own 256-colour palette (giflib's median cut, GifQuantizeBuffer), shown for a
// fixed delay, and the animation loops forever (the NETSCAPE2.0 application extension).
//
// The file appears only complete: frames go to a temporary file in the target folder (QSaveFile)
// that finish() renames over the target; cancel(), a failed write or destroying the writer before
// finish() removes it and leaves an existing file at the path untouched.

#include <QSize>
#include <QString>

#include <memory>

class QImage;

namespace ds::ui {

class GifWriter {
 public:
  GifWriter();
  ~GifWriter();  // cancels an unfinished file
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // Starts the file: every frame is `size` pixels and shown for `delayCentiseconds` (1/100 s,
  // ≥ 1). False with *error (naming the file and the reason) when the file cannot be created.
  bool open(const QString& path, QSize size, int delayCentiseconds, QString* error);
  // Appends a frame; one of another size is scaled to the animation's size (smoothly, ignoring
  // its aspect ratio). False with *error on a write error; the file is then cancelled.
  bool addFrame(const QImage& frame, QString* error);
  // Completes the file and moves it to the path; false with *error when that fails (nothing is
  // left behind). A file without frames is refused.
  bool finish(QString* error);
  // Abandons the file: the temporary file is removed, nothing appears at the path.
  void cancel();

  bool isOpen() const;
  int frameCount() const { return m_frames; }
  QSize size() const { return m_size; }
  QString path() const { return m_path; }

 private:
  struct State;
  bool fail(const QString& reason, QString* error);

  std::unique_ptr<State> m_state;
  QString m_path;
  QSize m_size;
  int m_delay = 10;
  int m_frames = 0;
};

// The delay of one frame at `fps` frames per second, in the GIF's 1/100 s (at least 1).
int gifDelayForFps(double fps);

}  // namespace ds::ui
