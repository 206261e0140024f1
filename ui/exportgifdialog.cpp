#include "ui/exportgifdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ds::ui {

std::vector<int> gifTimesteps(int from, int to, int step) {
  std::vector<int> ts;
  if (step < 1) return ts;
  const int sign = to >= from ? 1 : -1;
  for (int t = from; sign * (to - t) >= 0; t += sign * step) ts.push_back(t);
  if (ts.back() != to) ts.push_back(to);
  return ts;
}

ExportGifDialog::ExportGifDialog(int steps, QSize plots, const GifExportOptions& initial, QWidget* parent)
    : QDialog(parent), m_plots(plots.isValid() && !plots.isEmpty() ? plots : QSize(640, 480)) {
  setWindowTitle(tr("Export Play as GIF"));
  steps = std::max(0, steps);

  auto* form = new QFormLayout();
  m_from = new QSpinBox(this);
  m_from->setObjectName(QStringLiteral("gifFrom"));
  m_from->setRange(0, steps);
  m_from->setValue(std::clamp(initial.from, 0, steps));
  m_from->setToolTip(tr("The t of the first frame (0 … %1)").arg(steps));
  m_to = new QSpinBox(this);
  m_to->setObjectName(QStringLiteral("gifTo"));
  m_to->setRange(0, steps);
  m_to->setValue(std::clamp(initial.to, 0, steps));
  m_to->setToolTip(tr("The t of the last frame (0 … %1); smaller than “from” plays the reverse chain").arg(steps));
  auto* range = new QHBoxLayout();
  range->addWidget(m_from);
  range->addWidget(new QLabel(tr("to"), this));
  range->addWidget(m_to);
  range->addStretch(1);
  auto* fromLabel = new QLabel(tr("t &from"), this);
  fromLabel->setBuddy(m_from);
  form->addRow(fromLabel, range);

  m_step = new QSpinBox(this);
  m_step->setObjectName(QStringLiteral("gifStep"));
  m_step->setRange(1, std::max(1, steps));
  m_step->setValue(std::clamp(initial.step, 1, std::max(1, steps)));
  m_step->setToolTip(tr("Every k-th t becomes a frame (the last t of the range always does)"));
  form->addRow(tr("&Step k"), m_step);

  m_fps = new QSpinBox(this);
  m_fps->setObjectName(QStringLiteral("gifFps"));
  m_fps->setRange(kMinFps, kMaxFps);
  m_fps->setValue(std::clamp(initial.fps, kMinFps, kMaxFps));
  m_fps->setSuffix(tr(" frames/s"));
  m_fps->setToolTip(tr("Frames per second (%1 … %2)").arg(kMinFps).arg(kMaxFps));
  form->addRow(tr("&Frame rate"), m_fps);

  m_width = new QSpinBox(this);
  m_width->setObjectName(QStringLiteral("gifWidth"));
  m_width->setRange(kMinWidth, kMaxWidth);
  m_width->setValue(std::clamp(initial.width, kMinWidth, kMaxWidth));
  m_width->setSuffix(tr(" px"));
  m_width->setToolTip(tr("Width of the animation (%1 … %2 pixels); the height keeps the plots' aspect ratio")
                          .arg(kMinWidth)
                          .arg(kMaxWidth));
  form->addRow(tr("&Width"), m_width);

  m_path = new QLineEdit(QDir::toNativeSeparators(initial.path), this);
  m_path->setObjectName(QStringLiteral("gifPath"));
  m_path->setToolTip(tr("The GIF file to write"));
  m_path->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 40);
  auto* browse = new QPushButton(tr("&Browse…"), this);
  browse->setToolTip(tr("Choose the file"));
  connect(browse, &QPushButton::clicked, this, &ExportGifDialog::browse);
  auto* file = new QHBoxLayout();
  file->addWidget(m_path, 1);
  file->addWidget(browse);
  auto* fileLabel = new QLabel(tr("F&ile"), this);
  fileLabel->setBuddy(m_path);
  form->addRow(fileLabel, file);

  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("gifSummary"));
  m_summary->setWordWrap(true);

  m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_summary);
  layout->addWidget(m_buttons);

  for (QSpinBox* box : {m_from, m_to, m_step, m_fps, m_width})
    connect(box, &QSpinBox::valueChanged, this, &ExportGifDialog::updateSummary);
  connect(m_path, &QLineEdit::textChanged, this, &ExportGifDialog::updateSummary);
  updateSummary();
}

GifExportOptions ExportGifDialog::options() const {
  GifExportOptions o;
  o.from = m_from->value();
  o.to = m_to->value();
  o.step = m_step->value();
  o.fps = m_fps->value();
  o.width = m_width->value();
  o.path = QDir::fromNativeSeparators(m_path->text().trimmed());
  if (!o.path.isEmpty() && QFileInfo(o.path).suffix().isEmpty()) o.path += QStringLiteral(".gif");
  return o;
}

void ExportGifDialog::browse() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export Play as GIF"), options().path, tr("GIF animations (*.gif)"));
  if (!path.isEmpty()) m_path->setText(QDir::toNativeSeparators(path));
}

void ExportGifDialog::updateSummary() {
  const GifExportOptions o = options();
  const int frames = static_cast<int>(gifTimesteps(o.from, o.to, o.step).size());
  const int height = std::max(1, static_cast<int>(std::lround(double(o.width) * m_plots.height() / m_plots.width())));
  m_summary->setText(tr("%1 frames of %2 × %3 pixels, %4 s; t %5 → %6 (%7 chain). The plots only, without the "
                        "controls.")
                         .arg(frames)
                         .arg(o.width)
                         .arg(height)
                         .arg(double(frames) / o.fps, 0, 'f', 1)
                         .arg(o.from)
                         .arg(o.to)
                         .arg(o.to >= o.from ? tr("forward") : tr("reverse")));
  m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!o.path.isEmpty());
}

}  // namespace ds::ui
