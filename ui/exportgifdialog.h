#pragma once
// File → Export Play as GIF…: the options of an animated GIF of the chain played over a t range
// (MainWindow::exportPlayGif renders it; ui/gifwriter.h encodes it).

#include <QDialog>
#include <QSize>
#include <QString>

#include <vector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ds::ui {

struct GifExportOptions {
  int from = 0;     // the first frame's t
  int to = 0;       // the last frame's t (from > to plays the reverse chain)
  int step = 1;     // every step-th t between them
  int fps = 10;     // frames per second, 1..50
  int width = 640;  // pixels; the height keeps the plots' aspect ratio
  QString path;
};

// The t of each frame: from, from ± step, …, and `to` itself as the last frame even when the
// steps do not land on it. Empty when step < 1.
std::vector<int> gifTimesteps(int from, int to, int step);

class ExportGifDialog : public QDialog {
  Q_OBJECT

 public:
  static constexpr int kMinFps = 1;
  static constexpr int kMaxFps = 50;
  static constexpr int kMinWidth = 160;
  static constexpr int kMaxWidth = 1920;

  // `steps`: T, the chain's last t; `plots`: the size of the plots now (the default width and the
  // aspect ratio of the height); `initial`: the first values shown (clamped to the ranges).
  ExportGifDialog(int steps, QSize plots, const GifExportOptions& initial, QWidget* parent = nullptr);

  GifExportOptions options() const;

  QSpinBox* fromBox() const { return m_from; }
  QSpinBox* toBox() const { return m_to; }
  QSpinBox* stepBox() const { return m_step; }
  QSpinBox* fpsBox() const { return m_fps; }
  QSpinBox* widthBox() const { return m_width; }
  QLineEdit* pathEdit() const { return m_path; }
  QLabel* summaryLabel() const { return m_summary; }

 private:
  void browse();
  void updateSummary();

  QSize m_plots;
  QSpinBox* m_from = nullptr;
  QSpinBox* m_to = nullptr;
  QSpinBox* m_step = nullptr;
  QSpinBox* m_fps = nullptr;
  QSpinBox* m_width = nullptr;
  QLineEdit* m_path = nullptr;
  QLabel* m_summary = nullptr;
  QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace ds::ui
