#pragma once
// The inpainting lesson's editable state: a small grayscale picture and the mask painted over it
// (1 = fill: the sampler invents these pixels; 0 = keep). Like TrainDrawing and tiled's
// MapDocument, it owns the QUndoStack and every edit is a command: one brush stroke, one
// rectangle, one lasso, fill/clear/invert, a loaded mask or a new picture is one undo step.
// Image coordinates: pixel (x, y) is the unit square [x, x+1) × [y, y+1); its centre is
// (x + 0.5, y + 0.5). Views map to these coordinates; the document knows nothing of zoom.

#include <QImage>
#include <QObject>
#include <QPointF>
#include <QPolygonF>
#include <QRect>
#include <QSize>
#include <QString>

#include <vector>

class QUndoStack;

namespace ds::ui {

// One brush dab: a disc of diameter `size` image pixels. Coverage is 1 inside hardness·r and
// falls linearly to 0 at r = size/2 (hardness 1: a hard edge). The brush paints max(old,
// coverage), the eraser min(old, 1 − coverage), so going over a pixel twice changes nothing more.
struct MaskBrush {
  double size = 4.0;
  double hardness = 1.0;
  bool erase = false;
};

class MaskDocument : public QObject {
  Q_OBJECT

 public:
  explicit MaskDocument(QObject* parent = nullptr);
  MaskDocument(int width, int height, QObject* parent = nullptr);
  // Deletes the undo stack without signals: its views may outlive the document by a moment (as
  // siblings deleted later), and the stack's indexChanged on clear() must not reach them.
  ~MaskDocument() override;

  int width() const { return m_width; }
  int height() const { return m_height; }
  QSize size() const { return {m_width, m_height}; }
  QUndoStack* undoStack() const { return m_undo; }

  // ---- The picture: width×height, 8-bit grayscale; [-1, 1] for the model (DESIGN.md).
  QImage image() const { return m_image; }
  std::vector<float> imagePixels() const;  // row-major, round-trip v/127.5 − 1
  // Any size or format: converted to grayscale (transparent parts on black), scaled smoothly to
  // fit width×height keeping its aspect ratio and centred on black. One undo step; the mask is
  // kept. Returns what was done, e.g. "photo.jpg (640×480) was converted to grayscale, scaled to
  // 28×21 and centred in 28×28". A null image changes nothing and says so.
  QString setImage(const QImage& image, const QString& name = QString());
  // Reads a picture with QImageReader; refuses files it cannot read and pictures larger than
  // kMaxImageSide on a side (checked before decoding). On failure *error says why and nothing
  // changes; on success *message (optional) is setImage's description.
  bool loadImage(const QString& path, QString* error, QString* message = nullptr);
  // The last description from setImage/loadImage ("" for the initial black picture).
  QString imageDescription() const { return m_imageDescription; }

  // ---- The mask: width×height values in [0, 1], row-major; 1 = fill, 0 = keep.
  const std::vector<float>& mask() const { return m_mask; }
  float maskAt(int x, int y) const;
  // The share of pixels with mask ≥ 0.5 (those the sampler will fill).
  double maskFraction() const;
  // As 8-bit grayscale, white = fill (round(255·m)).
  QImage maskImage() const;
  // Replaces the mask (one undo step); values are clamped to [0, 1]. Returns false (and changes
  // nothing) when the size is not width·height.
  bool setMask(const std::vector<float>& mask, const QString& text = QString());
  // PNG, 8-bit grayscale: white = fill, black = keep; gray levels are soft values v/255. A mask
  // whose size differs from the picture's is refused (the message names both sizes).
  bool loadMask(const QString& path, QString* error);
  // Writes maskImage() as PNG, atomically (QSaveFile: the old file survives a failed write).
  bool saveMask(const QString& path, QString* error) const;

  // ---- Edits (each one undo step; an edit that changes nothing pushes nothing).
  void fillAll();
  void clear();
  void invert();
  // Sets every pixel of `pixels` (a rectangle of whole pixels, clipped to the picture) to value.
  void fillRect(const QRect& pixels, float value);
  // Sets every pixel whose centre lies inside the closed polygon (image coordinates, winding fill).
  void fillPolygon(const QPolygonF& polygon, float value);

  // A new stroke id: dabs with the same id merge into one undo step.
  int beginStroke() { return ++m_lastStroke; }
  // One dab at `centre` (image coordinates).
  void dab(QPointF centre, const MaskBrush& brush, int stroke);
  // Dabs along the segment (from, to], at most 0.25·r apart, so a fast drag leaves no gaps;
  // `from` itself is the previous dab of the stroke.
  void dabLine(QPointF from, QPointF to, const MaskBrush& brush, int stroke);
  // The brush profile at distance d from the dab centre.
  static float coverage(double distance, double radius, double hardness);

  static constexpr int kDefaultSide = 28;
  static constexpr int kMaxImageSide = 8192;

 Q_SIGNALS:
  void maskChanged();
  void imageChanged();

 private:
  friend class MaskEditCommand;
  friend class ImageCommand;
  void applyMask(const std::vector<float>& mask);
  void applyImage(const QImage& image, const QString& description);
  void pushMask(std::vector<float> after, const QString& text, int stroke = -1);
  void stamp(std::vector<float>& mask, QPointF centre, const MaskBrush& brush) const;

  int m_width;
  int m_height;
  QImage m_image;
  QString m_imageDescription;
  std::vector<float> m_mask;
  QUndoStack* m_undo = nullptr;
  int m_lastStroke = 0;
};

}  // namespace ds::ui
