// The inpainting mask editor: QTest mouse strokes on the canvas at several zooms and after a pan
// land on the pixels under the cursor; a stroke, a rectangle, a lasso and fill/clear/invert are
// one undo step each; the eraser; the brush keys; mask PNG files (round trip, wrong size, corrupt
// file); loading a colour photo; the tools panel's wiring and tooltips.

#include "ui/lessons/inpaint/maskcanvas.h"
#include "ui/lessons/inpaint/maskdocument.h"
#include "ui/lessons/inpaint/masktools.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numeric>
#include <random>

using ds::ui::MaskCanvas;
using ds::ui::MaskDocument;
using ds::ui::MaskTool;
using ds::ui::MaskToolsPanel;

namespace {

class MaskEditorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    canvas = std::make_unique<MaskCanvas>(&doc);
    canvas->setFixedSize(560, 560);
    canvas->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(canvas.get()));
    canvas->fitToWindow();
    canvas->setHardness(1.0);
  }

  // The widget position of an image point, through the canvas's own mapping.
  QPoint at(double x, double y) const { return canvas->mapFromImage(QPointF(x, y)).toPoint(); }
  QPoint centreOf(int x, int y) const { return at(x + 0.5, y + 0.5); }

  void drag(const std::vector<QPoint>& points, Qt::MouseButton button = Qt::LeftButton,
            Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QTest::mousePress(canvas.get(), button, modifiers, points.front());
    for (std::size_t i = 1; i < points.size(); ++i) QTest::mouseMove(canvas.get(), points[i]);
    QTest::mouseRelease(canvas.get(), button, modifiers, points.back());
  }

  float m(int x, int y) const { return doc.maskAt(x, y); }
  double total() const { return std::accumulate(doc.mask().begin(), doc.mask().end(), 0.0); }
  int stackCount() const { return doc.undoStack()->count(); }

  // A 1-pixel stroke through three pixels around the pixel at the widget centre: exactly those
  // three pixels are filled, nothing else.
  void checkStrokeAtViewCentre() {
    const QPointF c = canvas->mapToImage(QPointF(canvas->width() / 2.0, canvas->height() / 2.0));
    const int cx = int(std::floor(c.x())), cy = int(std::floor(c.y()));
    ASSERT_GE(cx, 2);
    ASSERT_LT(cx, doc.width() - 2);
    canvas->setTool(MaskTool::Brush);
    canvas->setBrushSize(1);
    drag({centreOf(cx - 1, cy), centreOf(cx, cy), centreOf(cx + 1, cy)});
    EXPECT_EQ(m(cx - 1, cy), 1.0f);
    EXPECT_EQ(m(cx, cy), 1.0f);
    EXPECT_EQ(m(cx + 1, cy), 1.0f);
    EXPECT_EQ(m(cx, cy - 1), 0.0f);
    EXPECT_EQ(m(cx, cy + 1), 0.0f);
    EXPECT_EQ(m(cx - 2, cy), 0.0f);
    EXPECT_EQ(m(cx + 2, cy), 0.0f);
    EXPECT_EQ(total(), 3.0) << "pixels far from the stroke were painted";
  }

  MaskDocument doc;
  std::unique_ptr<MaskCanvas> canvas;
};

TEST_F(MaskEditorTest, FitsTheWindowByDefaultAndMapsBothWays) {
  EXPECT_TRUE(canvas->isFitToWindow());
  EXPECT_DOUBLE_EQ(canvas->zoom(), 1.0);
  EXPECT_DOUBLE_EQ(canvas->scale(), 20.0);  // 560 / 28
  EXPECT_EQ(canvas->mapFromImage(QPointF(0, 0)), QPointF(0, 0));
  EXPECT_EQ(canvas->mapFromImage(QPointF(28, 28)), QPointF(560, 560));
  const QPointF p(7.3, 19.8);
  EXPECT_NEAR(canvas->mapToImage(canvas->mapFromImage(p)).x(), p.x(), 1e-12);
  EXPECT_NEAR(canvas->mapToImage(canvas->mapFromImage(p)).y(), p.y(), 1e-12);
}

TEST_F(MaskEditorTest, AFastBrushStrokeAtFitLeavesNoGaps) {
  canvas->setBrushSize(3);
  // Press, one move across most of the picture, release: the dabs in between are interpolated.
  drag({centreOf(4, 10), centreOf(23, 10)});
  for (int x = 4; x <= 23; ++x) {
    EXPECT_EQ(m(x, 10), 1.0f) << x;
    EXPECT_EQ(m(x, 9), 1.0f) << x;  // r = 1.5: the rows above and below are 1 pixel away
    EXPECT_EQ(m(x, 11), 1.0f) << x;
    EXPECT_EQ(m(x, 8), 0.0f) << x;
    EXPECT_EQ(m(x, 12), 0.0f) << x;
  }
  EXPECT_EQ(m(2, 10), 0.0f);
  EXPECT_EQ(m(25, 10), 0.0f);
  EXPECT_EQ(m(0, 0), 0.0f);
  EXPECT_EQ(m(27, 27), 0.0f);
  // The caps: at x = 3 and 24 the pixels in rows 9..11 are 1 and √2 < 1.5 from the end dabs.
  EXPECT_EQ(total(), 3 * 20 + 2 * 3);
}

TEST_F(MaskEditorTest, StrokeAtFit) { checkStrokeAtViewCentre(); }

TEST_F(MaskEditorTest, StrokeAtZoom2point5) {
  QSignalSpy zoomed(canvas.get(), &MaskCanvas::zoomChanged);
  canvas->setZoom(2.5);
  EXPECT_DOUBLE_EQ(canvas->zoom(), 2.5);
  EXPECT_DOUBLE_EQ(canvas->scale(), 50.0);
  EXPECT_FALSE(canvas->isFitToWindow());
  ASSERT_FALSE(zoomed.isEmpty());
  EXPECT_DOUBLE_EQ(zoomed.last().at(0).toDouble(), 2.5);
  checkStrokeAtViewCentre();
}

TEST_F(MaskEditorTest, StrokeAtZoom6) {
  canvas->setZoom(6);
  EXPECT_DOUBLE_EQ(canvas->scale(), 120.0);
  checkStrokeAtViewCentre();
}

TEST_F(MaskEditorTest, StrokeAfterAMiddleButtonPan) {
  canvas->setZoom(2.5);
  const QPointF before = canvas->mapFromImage(QPointF(10, 10));
  drag({QPoint(300, 300), QPoint(250, 280), QPoint(180, 240)}, Qt::MiddleButton);
  const QPointF after = canvas->mapFromImage(QPointF(10, 10));
  EXPECT_NEAR(after.x() - before.x(), -120, 1e-9);
  EXPECT_NEAR(after.y() - before.y(), -60, 1e-9);
  EXPECT_EQ(total(), 0.0) << "panning painted";
  EXPECT_EQ(stackCount(), 0);
  checkStrokeAtViewCentre();
}

TEST_F(MaskEditorTest, SpaceAndLeftDragPansInsteadOfPainting) {
  canvas->setZoom(6);
  canvas->setFocus();
  const QPointF before = canvas->mapFromImage(QPointF(10, 10));
  QTest::keyPress(canvas.get(), Qt::Key_Space);
  drag({QPoint(300, 300), QPoint(340, 310)});
  QTest::keyRelease(canvas.get(), Qt::Key_Space);
  EXPECT_NEAR(canvas->mapFromImage(QPointF(10, 10)).x() - before.x(), 40, 1e-9);
  EXPECT_EQ(total(), 0.0);
  checkStrokeAtViewCentre();  // space released: the left button paints again
}

TEST_F(MaskEditorTest, WheelZoomsAboutTheCursor) {
  const QPoint cursor(100, 420);
  const QPointF under = canvas->mapToImage(cursor);
  QWheelEvent wheel(cursor, canvas->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(canvas.get(), &wheel);
  EXPECT_NEAR(canvas->zoom(), 1.25, 1e-12);
  EXPECT_NEAR(canvas->mapToImage(cursor).x(), under.x(), 1e-9);
  EXPECT_NEAR(canvas->mapToImage(cursor).y(), under.y(), 1e-9);
  canvas->fitToWindow();
  EXPECT_DOUBLE_EQ(canvas->zoom(), 1.0);
  EXPECT_TRUE(canvas->isFitToWindow());
}

TEST_F(MaskEditorTest, AStrokeIsOneUndoStep) {
  doc.fillRect(QRect(0, 0, 5, 5), 1.0f);
  const std::vector<float> before = doc.mask();
  const int steps = stackCount();
  canvas->setBrushSize(2);
  std::vector<QPoint> path;
  for (int i = 0; i <= 12; ++i) path.push_back(centreOf(6 + i, 8 + i / 2));
  drag(path);
  const std::vector<float> after = doc.mask();
  ASSERT_NE(after, before);
  EXPECT_EQ(stackCount(), steps + 1);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.mask(), before);
  doc.undoStack()->redo();
  EXPECT_EQ(doc.mask(), after);
  // A second stroke is a second step.
  drag({centreOf(20, 20), centreOf(22, 22)});
  EXPECT_EQ(stackCount(), steps + 2);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.mask(), after);
}

TEST_F(MaskEditorTest, EraserAndTheXKey) {
  doc.fillAll();
  canvas->setFocus();
  QTest::keyClick(canvas.get(), Qt::Key_X);
  ASSERT_EQ(canvas->tool(), MaskTool::Eraser);
  canvas->setBrushSize(1);
  drag({centreOf(3, 3), centreOf(8, 3)});
  for (int x = 3; x <= 8; ++x) EXPECT_EQ(m(x, 3), 0.0f) << x;
  EXPECT_EQ(m(2, 3), 1.0f);
  EXPECT_EQ(m(3, 4), 1.0f);
  EXPECT_EQ(total(), 28 * 28 - 6);
  QTest::keyClick(canvas.get(), Qt::Key_X);
  EXPECT_EQ(canvas->tool(), MaskTool::Brush);
  // The right button with the brush erases too.
  drag({centreOf(3, 10), centreOf(5, 10)}, Qt::RightButton);
  EXPECT_EQ(m(4, 10), 0.0f);
  EXPECT_EQ(total(), 28 * 28 - 9);
}

TEST_F(MaskEditorTest, SoftBrushProfile) {
  EXPECT_FLOAT_EQ(MaskDocument::coverage(0.0, 3.0, 0.5), 1.0f);
  EXPECT_FLOAT_EQ(MaskDocument::coverage(1.5, 3.0, 0.5), 1.0f);
  EXPECT_FLOAT_EQ(MaskDocument::coverage(2.25, 3.0, 0.5), 0.5f);
  EXPECT_FLOAT_EQ(MaskDocument::coverage(3.0, 3.0, 0.5), 0.0f);
  EXPECT_FLOAT_EQ(MaskDocument::coverage(2.9, 3.0, 1.0), 1.0f);
  doc.dab(QPointF(10.5, 10.5), ds::ui::MaskBrush{6.0, 0.5, false}, doc.beginStroke());
  EXPECT_EQ(m(10, 10), 1.0f);
  EXPECT_FLOAT_EQ(m(12, 10), MaskDocument::coverage(2.0, 3.0, 0.5));  // 2 pixels right: (3 − 2)/1.5
  EXPECT_EQ(m(13, 10), 0.0f);
  // The eraser takes min(old, 1 − coverage).
  doc.dab(QPointF(12.5, 10.5), ds::ui::MaskBrush{6.0, 0.5, true}, doc.beginStroke());
  EXPECT_FLOAT_EQ(m(10, 10), 1.0f - MaskDocument::coverage(2.0, 3.0, 0.5));
}

TEST_F(MaskEditorTest, RectangleFillsAndShiftOrRightButtonClears) {
  canvas->setTool(MaskTool::Rectangle);
  drag({centreOf(3, 4), centreOf(6, 6), centreOf(10, 8)});
  EXPECT_EQ(stackCount(), 1);
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) EXPECT_EQ(m(x, y), (x >= 3 && x <= 10 && y >= 4 && y <= 8) ? 1.0f : 0.0f);
  drag({centreOf(4, 5), centreOf(5, 6)}, Qt::LeftButton, Qt::ShiftModifier);
  EXPECT_EQ(total(), 40 - 4);
  EXPECT_EQ(m(5, 6), 0.0f);
  drag({centreOf(9, 8), centreOf(10, 7)}, Qt::RightButton);
  EXPECT_EQ(total(), 40 - 8);
  EXPECT_EQ(stackCount(), 3);
  doc.undoStack()->undo();
  doc.undoStack()->undo();
  EXPECT_EQ(total(), 40);
}

TEST_F(MaskEditorTest, LassoFillsThePixelCentresInside) {
  canvas->setZoom(2.5);
  canvas->panBy(QPointF(330, 330));  // pixel (5, 5) near the top-left of the view
  canvas->setTool(MaskTool::Lasso);
  // A closed square outline from pixel corner (5, 5) to (11, 11), drawn with many small moves.
  std::vector<QPoint> path;
  for (int i = 0; i <= 6; ++i) path.push_back(at(5 + i, 5));
  for (int i = 1; i <= 6; ++i) path.push_back(at(11, 5 + i));
  for (int i = 1; i <= 6; ++i) path.push_back(at(11 - i, 11));
  for (int i = 1; i <= 5; ++i) path.push_back(at(5, 11 - i));
  drag(path);
  EXPECT_EQ(stackCount(), 1);
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x)
      EXPECT_EQ(m(x, y), (x >= 5 && x <= 10 && y >= 5 && y <= 10) ? 1.0f : 0.0f) << x << "," << y;
  // A triangle (corners (2, 2), (12, 2), (2, 12)): only the pixels whose centres are inside.
  doc.clear();
  drag({at(2, 2), at(7, 2), at(12, 2), at(7, 7), at(2, 12), at(2, 7)});
  EXPECT_EQ(m(2, 2), 1.0f);
  EXPECT_EQ(m(10, 2), 1.0f);  // centre (10.5, 2.5): x + y = 13 < 14
  EXPECT_EQ(m(11, 3), 0.0f);  // x + y = 15
  EXPECT_EQ(m(6, 6), 1.0f);   // 13
  EXPECT_EQ(m(7, 7), 0.0f);   // 15
  EXPECT_EQ(m(1, 5), 0.0f);   // left of the triangle
  EXPECT_EQ(m(5, 1), 0.0f);   // above it
}

TEST_F(MaskEditorTest, FillClearInvertFromThePanelAreOneStepEach) {
  MaskToolsPanel panel(&doc, canvas.get());
  auto* fill = panel.findChild<QPushButton*>(QStringLiteral("maskFill"));
  auto* clear = panel.findChild<QPushButton*>(QStringLiteral("maskClear"));
  auto* invert = panel.findChild<QPushButton*>(QStringLiteral("maskInvert"));
  auto* undo = panel.findChild<QPushButton*>(QStringLiteral("maskUndo"));
  auto* coverage = panel.findChild<QLabel*>(QStringLiteral("maskCoverage"));
  ASSERT_TRUE(fill && clear && invert && undo && coverage);
  EXPECT_FALSE(undo->isEnabled());
  EXPECT_EQ(coverage->text(), QStringLiteral("0 % of the picture will be filled"));

  doc.fillRect(QRect(0, 0, 28, 7), 1.0f);  // a quarter
  EXPECT_EQ(coverage->text(), QStringLiteral("25 % of the picture will be filled"));
  EXPECT_TRUE(undo->isEnabled());
  QTest::mouseClick(invert, Qt::LeftButton);
  EXPECT_EQ(m(3, 3), 0.0f);
  EXPECT_EQ(m(3, 20), 1.0f);
  EXPECT_DOUBLE_EQ(doc.maskFraction(), 0.75);
  EXPECT_EQ(coverage->text(), QStringLiteral("75 % of the picture will be filled"));
  QTest::mouseClick(fill, Qt::LeftButton);
  EXPECT_EQ(total(), 28 * 28);
  QTest::mouseClick(clear, Qt::LeftButton);
  EXPECT_EQ(total(), 0.0);
  EXPECT_EQ(stackCount(), 4);
  QTest::mouseClick(undo, Qt::LeftButton);
  EXPECT_EQ(total(), 28 * 28);
  QTest::mouseClick(undo, Qt::LeftButton);
  EXPECT_DOUBLE_EQ(doc.maskFraction(), 0.75);
  QTest::mouseClick(undo, Qt::LeftButton);
  EXPECT_DOUBLE_EQ(doc.maskFraction(), 0.25);
  // Clearing an empty mask is no step at all.
  doc.clear();
  const int steps = stackCount();
  doc.clear();
  EXPECT_EQ(stackCount(), steps);
}

TEST_F(MaskEditorTest, BracketKeysChangeTheBrushSize) {
  MaskToolsPanel panel(&doc, canvas.get());
  auto* spin = panel.findChild<QDoubleSpinBox*>(QStringLiteral("maskSize"));
  ASSERT_TRUE(spin);
  canvas->setBrushSize(4);
  canvas->setFocus();
  QSignalSpy sized(canvas.get(), &MaskCanvas::brushSizeChanged);
  QTest::keyClick(canvas.get(), Qt::Key_BracketRight);
  EXPECT_DOUBLE_EQ(canvas->brushSize(), 5.0);  // max(4·1.25, 4 + 1)
  QTest::keyClick(canvas.get(), Qt::Key_BracketRight);
  EXPECT_DOUBLE_EQ(canvas->brushSize(), 6.25);
  EXPECT_NEAR(spin->value(), 6.25, 0.051);  // shown to one decimal
  QTest::keyClick(canvas.get(), Qt::Key_BracketLeft);
  EXPECT_DOUBLE_EQ(canvas->brushSize(), 5.0);
  EXPECT_EQ(sized.count(), 3);
  for (int i = 0; i < 10; ++i) QTest::keyClick(canvas.get(), Qt::Key_BracketLeft);
  EXPECT_DOUBLE_EQ(canvas->brushSize(), 1.0);
  for (int i = 0; i < 30; ++i) QTest::keyClick(canvas.get(), Qt::Key_BracketRight);
  EXPECT_DOUBLE_EQ(canvas->brushSize(), 28.0);
  spin->setValue(7.0);
  EXPECT_DOUBLE_EQ(canvas->brushSize(), 7.0);
}

TEST_F(MaskEditorTest, HoverReportsThePixelAndItsMask) {
  doc.fillRect(QRect(3, 4, 1, 1), 1.0f);
  QSignalSpy hover(canvas.get(), &MaskCanvas::hovered);
  // Two moves: the platform drops a move to where the cursor already is (e.g. after another test).
  QTest::mouseMove(canvas.get(), centreOf(10, 12));
  QTest::mouseMove(canvas.get(), centreOf(3, 4));
  ASSERT_FALSE(hover.isEmpty());
  EXPECT_EQ(hover.last().at(0).toInt(), 3);
  EXPECT_EQ(hover.last().at(1).toInt(), 4);
  EXPECT_EQ(hover.last().at(2).toFloat(), 1.0f);
}

TEST_F(MaskEditorTest, MaskPngRoundTripIsExact) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  std::mt19937 rng(7);
  std::vector<float> binary(28 * 28);
  for (float& v : binary) v = float(rng() % 2);
  ASSERT_TRUE(doc.setMask(binary));
  const QString path = dir.filePath(QStringLiteral("mask.png"));
  QString error;
  ASSERT_TRUE(doc.saveMask(path, &error)) << error.toStdString();
  const QImage saved(path);
  EXPECT_EQ(saved.format(), QImage::Format_Grayscale8);
  EXPECT_EQ(saved.size(), QSize(28, 28));
  EXPECT_EQ(qGray(saved.pixel(0, 0)), binary[0] > 0 ? 255 : 0);
  doc.clear();
  ASSERT_TRUE(doc.loadMask(path, &error)) << error.toStdString();
  EXPECT_EQ(doc.mask(), binary);
  doc.undoStack()->undo();
  EXPECT_EQ(total(), 0.0);
}

TEST_F(MaskEditorTest, AWrongSizeOrCorruptMaskIsRefusedAndChangesNothing) {
  QTemporaryDir dir;
  doc.fillRect(QRect(2, 2, 5, 5), 1.0f);
  const std::vector<float> before = doc.mask();
  const int steps = stackCount();
  QImage big(32, 30, QImage::Format_Grayscale8);
  big.fill(255);
  const QString bigPath = dir.filePath(QStringLiteral("big.png"));
  ASSERT_TRUE(big.save(bigPath));
  QString error;
  EXPECT_FALSE(doc.loadMask(bigPath, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("32×30"))) << error.toStdString();
  EXPECT_TRUE(error.contains(QStringLiteral("28×28"))) << error.toStdString();
  EXPECT_EQ(doc.mask(), before);

  const QString corrupt = dir.filePath(QStringLiteral("corrupt.png"));
  QFile f(corrupt);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("\x89PNG\r\n\x1a\n this is not really a PNG");
  f.close();
  error.clear();
  EXPECT_FALSE(doc.loadMask(corrupt, &error));
  EXPECT_FALSE(error.isEmpty());
  error.clear();
  EXPECT_FALSE(doc.loadMask(dir.filePath(QStringLiteral("missing.png")), &error));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_EQ(doc.mask(), before);
  EXPECT_EQ(stackCount(), steps);

  // A folder that cannot be written: the old mask file stays and an error is given.
  error.clear();
  EXPECT_FALSE(doc.saveMask(dir.filePath(QStringLiteral("no/such/folder/mask.png")), &error));
  EXPECT_FALSE(error.isEmpty());
}

TEST_F(MaskEditorTest, AColourPhotoIsMadeGrayScaledAndCentred) {
  QTemporaryDir dir;
  QImage photo(640, 480, QImage::Format_RGB32);
  photo.fill(QColor(200, 120, 40));
  const QString path = dir.filePath(QStringLiteral("photo.png"));
  ASSERT_TRUE(photo.save(path));
  doc.fillRect(QRect(0, 0, 3, 3), 1.0f);
  const std::vector<float> mask = doc.mask();
  QString error, message;
  ASSERT_TRUE(doc.loadImage(path, &error, &message)) << error.toStdString();
  EXPECT_EQ(message,
            QStringLiteral("photo.png (640×480) was converted to grayscale, scaled to 28×21 and centred in 28×28."));
  const QImage img = doc.image();
  EXPECT_EQ(img.size(), QSize(28, 28));
  EXPECT_EQ(img.format(), QImage::Format_Grayscale8);
  const int gray = qGray(img.pixel(14, 14));
  EXPECT_GT(gray, 60);
  EXPECT_LT(gray, 200);
  for (int y = 0; y < 28; ++y) {
    for (int x = 0; x < 28; ++x) {
      const int v = qGray(img.pixel(x, y));
      if (y < 3 || y >= 24) {
        EXPECT_EQ(v, 0) << x << "," << y;  // black bars: 7 rows, 3 above and 4 below
      } else {
        EXPECT_NEAR(v, gray, 1) << x << "," << y;
      }
    }
  }
  const std::vector<float> pixels = doc.imagePixels();
  EXPECT_FLOAT_EQ(pixels[0], -1.0f);
  EXPECT_NEAR(pixels[14 * 28 + 14], gray / 127.5 - 1.0, 1e-6);
  EXPECT_EQ(doc.mask(), mask) << "a new picture keeps the mask";
  doc.undoStack()->undo();
  EXPECT_EQ(qGray(doc.image().pixel(14, 14)), 0);
}

TEST_F(MaskEditorTest, UnreadableAndHugePicturesAreRefused) {
  QTemporaryDir dir;
  const QImage before = doc.image();
  QString error;
  const QString empty = dir.filePath(QStringLiteral("empty.jpg"));
  QFile f(empty);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.close();
  EXPECT_FALSE(doc.loadImage(empty, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("empty.jpg"))) << error.toStdString();
  // Wider than 8192: refused from the header, before decoding.
  QImage wide(9000, 2, QImage::Format_Grayscale8);
  wide.fill(128);
  const QString widePath = dir.filePath(QStringLiteral("wide.png"));
  ASSERT_TRUE(wide.save(widePath));
  error.clear();
  EXPECT_FALSE(doc.loadImage(widePath, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("9000×2"))) << error.toStdString();
  EXPECT_EQ(doc.image(), before);
  EXPECT_EQ(stackCount(), 0);
}

TEST_F(MaskEditorTest, PanelControlsHaveTooltipsAndFitTheSmallScreen) {
  MaskToolsPanel panel(&doc, canvas.get());
  int controls = 0;
  for (QWidget* w : panel.findChildren<QWidget*>()) {
    const bool control =
        qobject_cast<QAbstractButton*>(w) || qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QSlider*>(w);
    if (!control) continue;
    ++controls;
    EXPECT_FALSE(w->toolTip().isEmpty()) << w->objectName().toStdString();
  }
  EXPECT_GE(controls, 17);  // 4 tools, size ×2, hardness, opacity, 6 mask buttons, 3 file buttons
  EXPECT_LE(panel.minimumSizeHint().width(), 1024 / 3);
  EXPECT_LE(panel.minimumSizeHint().height(), 768);
  // The tool buttons follow the canvas and drive it.
  auto* lasso = panel.findChild<QAbstractButton*>(QStringLiteral("maskLasso"));
  auto* brush = panel.findChild<QAbstractButton*>(QStringLiteral("maskBrush"));
  ASSERT_TRUE(lasso && brush);
  EXPECT_TRUE(brush->isChecked());
  QTest::mouseClick(lasso, Qt::LeftButton);
  EXPECT_EQ(canvas->tool(), MaskTool::Lasso);
  canvas->setTool(MaskTool::Eraser);
  EXPECT_TRUE(panel.findChild<QAbstractButton*>(QStringLiteral("maskEraser"))->isChecked());
  auto* opacity = panel.findChild<QAbstractSpinBox*>(QStringLiteral("maskOpacity"));
  ASSERT_TRUE(opacity);
  static_cast<QSpinBox*>(static_cast<QWidget*>(opacity))->setValue(20);
  EXPECT_DOUBLE_EQ(canvas->overlayOpacity(), 0.2);
  canvas->setHardness(0.3);
  EXPECT_EQ(panel.findChild<QSpinBox*>(QStringLiteral("maskHardness"))->value(), 30);
}

}  // namespace
