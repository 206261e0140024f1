#include "ui/lessons/inpaint/masktools.h"

#include "ui/lessons/inpaint/maskcanvas.h"
#include "ui/lessons/inpaint/maskdocument.h"

#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace ds::ui {

namespace {

QPushButton* makeButton(const QString& text, const QString& name, const QString& tip, QWidget* parent) {
  auto* b = new QPushButton(text, parent);
  b->setObjectName(name);
  b->setToolTip(tip);
  return b;
}

QLabel* wrappingLabel(const QString& name, QWidget* parent) {
  auto* l = new QLabel(parent);
  l->setObjectName(name);
  l->setWordWrap(true);
  return l;
}

}  // namespace

MaskToolsPanel::MaskToolsPanel(MaskDocument* document, MaskCanvas* canvas, QWidget* parent)
    : QWidget(parent), m_doc(document), m_canvas(canvas) {
  setObjectName(QStringLiteral("maskTools"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildToolBox());
  layout->addWidget(buildBrushBox());
  layout->addWidget(buildMaskBox());
  layout->addWidget(buildFileBox());
  layout->addStretch(1);
  connectCanvas();
  connectDocument();
}

MaskDocument* MaskToolsPanel::document() const { return m_doc; }

MaskCanvas* MaskToolsPanel::canvas() const { return m_canvas; }

QString MaskToolsPanel::coverageText(double fraction) {
  const long percent = std::lround(100.0 * fraction);
  if (fraction > 0 && percent == 0) return tr("Less than 1 % of the picture will be filled");
  if (fraction < 1 && percent == 100) return tr("More than 99 % of the picture will be filled");
  return tr("%1 % of the picture will be filled").arg(percent);
}

QWidget* MaskToolsPanel::buildToolBox() {
  auto* box = new QGroupBox(tr("Tool"), this);
  m_tools = new QButtonGroup(box);
  m_tools->setExclusive(true);
  struct Spec {
    MaskTool tool;
    QString text, name, tip;
  };
  const Spec specs[] = {
      {MaskTool::Brush, tr("Brush"), QStringLiteral("maskBrush"),
       tr("Paint the pixels to fill (X swaps brush and eraser; right drag erases).")},
      {MaskTool::Eraser, tr("Eraser"), QStringLiteral("maskEraser"),
       tr("Erase the mask: these pixels of the picture are kept (X swaps brush and eraser).")},
      {MaskTool::Rectangle, tr("Rectangle"), QStringLiteral("maskRect"),
       tr("Drag a rectangle of pixels to fill; with Shift or the right button it is cleared.")},
      {MaskTool::Lasso, tr("Lasso"), QStringLiteral("maskLasso"),
       tr("Draw a closed outline; the pixels whose centres lie inside are filled (Shift or right button: "
          "cleared).")},
  };
  auto* grid = new QGridLayout(box);
  int i = 0;
  for (const Spec& s : specs) {
    auto* b = new QToolButton(box);
    b->setText(s.text);
    b->setObjectName(s.name);
    b->setToolTip(s.tip);
    b->setCheckable(true);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_tools->addButton(b, int(s.tool));
    grid->addWidget(b, i / 2, i % 2);
    ++i;
  }
  return box;
}

QWidget* MaskToolsPanel::buildBrushBox() {
  auto* box = new QGroupBox(tr("Brush"), this);
  const QString sizeTip = tr("Brush diameter in picture pixels ([ smaller, ] larger).");
  m_sizeSlider = new QSlider(Qt::Horizontal, box);
  m_sizeSlider->setObjectName(QStringLiteral("maskSizeSlider"));
  m_sizeSlider->setToolTip(sizeTip);
  m_size = new QDoubleSpinBox(box);
  m_size->setObjectName(QStringLiteral("maskSize"));
  m_size->setToolTip(sizeTip);
  m_size->setDecimals(1);
  m_size->setSuffix(tr(" px"));
  m_size->setKeyboardTracking(false);
  m_hardness = new QSpinBox(box);
  m_hardness->setObjectName(QStringLiteral("maskHardness"));
  m_hardness->setRange(0, 100);
  m_hardness->setSuffix(tr(" %"));
  m_hardness->setToolTip(
      tr("100 %: a hard edge. Lower values give a soft edge: full strength only in the inner part of the "
         "disc, fading to nothing at its rim, so the filled region blends in."));
  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(m_sizeSlider, 1);
  sizeRow->addWidget(m_size);
  auto* form = new QFormLayout(box);
  form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  form->addRow(tr("Size"), sizeRow);
  form->addRow(tr("Hardness"), m_hardness);
  return box;
}

QWidget* MaskToolsPanel::buildMaskBox() {
  auto* box = new QGroupBox(tr("Mask"), this);
  auto* fill = makeButton(tr("Fill all"), QStringLiteral("maskFill"),
                          tr("Mark the whole picture to be filled (one undo step)."), box);
  auto* clear = makeButton(tr("Clear"), QStringLiteral("maskClear"),
                           tr("Remove the mask: the whole picture is kept (one undo step)."), box);
  auto* invert =
      makeButton(tr("Invert"), QStringLiteral("maskInvert"), tr("Swap filled and kept pixels (one undo step)."), box);
  m_undo = makeButton(tr("Undo"), QStringLiteral("maskUndo"), QString(), box);
  m_redo = makeButton(tr("Redo"), QStringLiteral("maskRedo"), QString(), box);
  if (m_doc) {
    connect(fill, &QPushButton::clicked, m_doc, &MaskDocument::fillAll);
    connect(clear, &QPushButton::clicked, m_doc, &MaskDocument::clear);
    connect(invert, &QPushButton::clicked, m_doc, &MaskDocument::invert);
    connect(m_undo, &QPushButton::clicked, m_doc->undoStack(), &QUndoStack::undo);
    connect(m_redo, &QPushButton::clicked, m_doc->undoStack(), &QUndoStack::redo);
  }
  m_opacity = new QSpinBox(box);
  m_opacity->setObjectName(QStringLiteral("maskOpacity"));
  m_opacity->setRange(0, 100);
  m_opacity->setSuffix(tr(" %"));
  m_opacity->setToolTip(tr("How strongly the orange mask covers the picture on the canvas (display only)."));
  auto* fit = makeButton(tr("Fit to window"), QStringLiteral("maskFit"),
                         tr("Show the whole picture as large as the canvas allows (the mouse wheel zooms, "
                            "middle drag or Space + drag pans)."),
                         box);
  if (m_canvas) connect(fit, &QPushButton::clicked, m_canvas, &MaskCanvas::fitToWindow);
  m_coverage = wrappingLabel(QStringLiteral("maskCoverage"), box);
  m_coverage->setToolTip(tr("The share of pixels whose mask is at least 50 %: these are generated."));
  m_hover = wrappingLabel(QStringLiteral("maskHover"), box);
  m_hover->setToolTip(tr("The pixel under the mouse and its mask value (1 = fill, 0 = keep)."));

  auto* grid = new QGridLayout(box);
  grid->addWidget(fill, 0, 0);
  grid->addWidget(clear, 0, 1);
  grid->addWidget(invert, 1, 0);
  grid->addWidget(fit, 1, 1);
  grid->addWidget(m_undo, 2, 0);
  grid->addWidget(m_redo, 2, 1);
  auto* opacityRow = new QHBoxLayout;
  auto* opacityLabel = new QLabel(tr("Overlay"), box);
  opacityLabel->setToolTip(m_opacity->toolTip());
  opacityRow->addWidget(opacityLabel);
  opacityRow->addWidget(m_opacity, 1);
  grid->addLayout(opacityRow, 3, 0, 1, 2);
  grid->addWidget(m_coverage, 4, 0, 1, 2);
  grid->addWidget(m_hover, 5, 0, 1, 2);
  return box;
}

QWidget* MaskToolsPanel::buildFileBox() {
  auto* box = new QGroupBox(tr("Files"), this);
  auto* picture = makeButton(tr("Load picture…"), QStringLiteral("maskLoadPicture"),
                             tr("Open a picture (PNG, JPEG, …): it is turned to grayscale and scaled to fit "
                                "the %1×%2 canvas; the mask is kept.")
                                 .arg(m_doc ? m_doc->width() : MaskDocument::kDefaultSide)
                                 .arg(m_doc ? m_doc->height() : MaskDocument::kDefaultSide),
                             box);
  auto* load = makeButton(tr("Load mask…"), QStringLiteral("maskLoadMask"),
                          tr("Open a mask PNG of the picture's size: white = fill, black = keep."), box);
  auto* save = makeButton(tr("Save mask…"), QStringLiteral("maskSaveMask"),
                          tr("Save the mask as an 8-bit grayscale PNG: white = fill, black = keep."), box);
  connect(picture, &QPushButton::clicked, this, &MaskToolsPanel::choosePicture);
  connect(load, &QPushButton::clicked, this, &MaskToolsPanel::chooseMask);
  connect(save, &QPushButton::clicked, this, &MaskToolsPanel::chooseMaskSaveFile);
  m_pictureInfo = wrappingLabel(QStringLiteral("maskPictureInfo"), box);
  m_pictureInfo->setToolTip(tr("What was done to the last picture loaded."));
  auto* layout = new QVBoxLayout(box);
  layout->addWidget(picture);
  auto* row = new QHBoxLayout;
  row->addWidget(load);
  row->addWidget(save);
  layout->addLayout(row);
  layout->addWidget(m_pictureInfo);
  return box;
}

void MaskToolsPanel::connectCanvas() {
  if (!m_canvas) return;
  connect(m_tools, &QButtonGroup::idClicked, this, [this](int id) { m_canvas->setTool(MaskTool(id)); });
  connect(m_canvas, &MaskCanvas::toolChanged, this, &MaskToolsPanel::syncTool);
  syncTool(m_canvas->tool());

  m_sizeSlider->setRange(int(MaskCanvas::kMinBrushSize), int(m_canvas->maxBrushSize()));
  m_size->setRange(MaskCanvas::kMinBrushSize, m_canvas->maxBrushSize());
  connect(m_sizeSlider, &QSlider::valueChanged, m_canvas, [this](int v) { m_canvas->setBrushSize(v); });
  connect(m_size, qOverload<double>(&QDoubleSpinBox::valueChanged), m_canvas, &MaskCanvas::setBrushSize);
  connect(m_canvas, &MaskCanvas::brushSizeChanged, this, &MaskToolsPanel::syncBrushSize);
  syncBrushSize(m_canvas->brushSize());

  // Percent spin boxes ↔ the canvas's 0..1 values, both ways (the page may set them too).
  const auto bind = [this](QSpinBox* spin, double value, void (MaskCanvas::*set)(double),
                           void (MaskCanvas::*changed)(double)) {
    spin->setValue(int(std::lround(100 * value)));
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), m_canvas,
            [this, set](int v) { (m_canvas->*set)(v / 100.0); });
    connect(m_canvas, changed, spin, [spin](double v) {
      const QSignalBlocker block(spin);
      spin->setValue(int(std::lround(100 * v)));
    });
  };
  bind(m_hardness, m_canvas->hardness(), &MaskCanvas::setHardness, &MaskCanvas::hardnessChanged);
  bind(m_opacity, m_canvas->overlayOpacity(), &MaskCanvas::setOverlayOpacity, &MaskCanvas::overlayOpacityChanged);
  connect(m_canvas, &MaskCanvas::hovered, this, &MaskToolsPanel::showHover);
  showHover(-1, -1, 0);
}

void MaskToolsPanel::connectDocument() {
  if (!m_doc) return;
  connect(m_doc, &MaskDocument::maskChanged, this, &MaskToolsPanel::updateCoverage);
  QUndoStack* stack = m_doc->undoStack();
  connect(stack, &QUndoStack::indexChanged, this, &MaskToolsPanel::updateUndoButtons);
  connect(stack, &QUndoStack::cleanChanged, this, &MaskToolsPanel::updateUndoButtons);
  updateCoverage();
  updateUndoButtons();
  m_pictureInfo->setText(m_doc->imageDescription());
  connect(m_doc, &MaskDocument::imageChanged, this, [this] { m_pictureInfo->setText(m_doc->imageDescription()); });
}

void MaskToolsPanel::syncTool(MaskTool tool) {
  if (QAbstractButton* b = m_tools->button(int(tool))) b->setChecked(true);
}

void MaskToolsPanel::syncBrushSize(double size) {
  const QSignalBlocker a(m_sizeSlider), b(m_size);
  m_sizeSlider->setValue(int(std::lround(size)));
  m_size->setValue(size);
}

void MaskToolsPanel::updateCoverage() { m_coverage->setText(coverageText(m_doc->maskFraction())); }

void MaskToolsPanel::updateUndoButtons() {
  const QUndoStack* stack = m_doc->undoStack();
  m_undo->setEnabled(stack->canUndo());
  m_redo->setEnabled(stack->canRedo());
  m_undo->setToolTip(stack->canUndo() ? tr("Undo: %1 (Ctrl+Z)").arg(stack->undoText()) : tr("Nothing to undo"));
  m_redo->setToolTip(stack->canRedo() ? tr("Redo: %1 (Ctrl+Shift+Z)").arg(stack->redoText()) : tr("Nothing to redo"));
}

void MaskToolsPanel::showHover(int x, int y, float value) {
  if (x < 0) m_hover->setText(tr("Point at the picture to read a pixel's mask value."));
  else m_hover->setText(tr("Pixel (%1, %2): mask %3").arg(x).arg(y).arg(double(value), 0, 'f', 2));
}

void MaskToolsPanel::choosePicture() {
  if (!m_doc) return;
  QStringList patterns;
  for (const QByteArray& format : QImageReader::supportedImageFormats())
    patterns << QStringLiteral("*.") + QString::fromLatin1(format);
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Load picture"), m_folder, tr("Pictures (%1);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
  if (path.isEmpty()) return;
  m_folder = QFileInfo(path).absolutePath();
  QString error, message;
  if (!m_doc->loadImage(path, &error, &message)) {
    QMessageBox::warning(this, tr("Load picture"), error);
    return;
  }
  Q_EMIT pictureLoaded(message);
}

void MaskToolsPanel::chooseMask() {
  if (!m_doc) return;
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Load mask"), m_folder, tr("PNG masks (*.png);;All files (*)"));
  if (path.isEmpty()) return;
  m_folder = QFileInfo(path).absolutePath();
  QString error;
  if (!m_doc->loadMask(path, &error)) QMessageBox::warning(this, tr("Load mask"), error);
}

void MaskToolsPanel::chooseMaskSaveFile() {
  if (!m_doc) return;
  QString path = QFileDialog::getSaveFileName(this, tr("Save mask"), QFileInfo(m_folder, tr("mask.png")).filePath(),
                                              tr("PNG masks (*.png)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".png");
  m_folder = QFileInfo(path).absolutePath();
  QString error;
  if (!m_doc->saveMask(path, &error)) QMessageBox::warning(this, tr("Save mask"), error);
}

}  // namespace ds::ui
