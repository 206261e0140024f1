#pragma once
// Lesson files (.dslesson, docs/lesson-files.md): a lesson's state as a small JSON object that a
// teacher saves, a student opens, and a chat carries as a diffusion-studio://lesson?… link.
// This file reads and writes the common part (format version, lesson id, t, direction, caption,
// hidden controls); each lesson reads and writes its own "state" object (Lesson::saveState /
// applyState) with JsonFields below. Qt only (no torch), so it is cheap to build and to fuzz.
// Everything is validated before anything is applied: a bad file changes nothing.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ds::ui {

struct LessonFile {
  static constexpr int kVersion = 1;            // the newest format version this program reads and writes
  static constexpr int kMaxTimestep = 4000;     // t beyond any lesson's largest T
  static constexpr int kMaxCaption = 2000;      // characters
  static constexpr qint64 kMaxBytes = 8 << 20;  // a file (or a decoded link) larger than this is refused

  QString lesson;  // a lesson id: "1d", "2d", "train", "images", "inpaint", "inpaint2d"
  int t = 0;
  bool reverse = false;       // the timeline's direction: false q (forward), true p (reverse)
  QString title;              // a short name for the Lecture menu; empty: none
  QString caption;            // plain text shown above the plots; empty: none
  bool hideControls = false;  // the lesson's control column is hidden (classroom mode)
  QJsonObject state;          // the lesson's own fields (its applyState checks them)

  QJsonObject toJson() const;
  QByteArray toBytes() const;  // indented JSON, UTF-8, ending in a newline
  QString toLink() const;      // diffusion-studio://lesson?v=1&s=<base64url of the compact JSON>

  // Reads and checks the common fields; on failure nullopt and *error says what is wrong (a
  // sentence without the file name; callers prefix it). `knownLessons` (when not empty) are the
  // ids that exist in this program.
  static std::optional<LessonFile> fromBytes(const QByteArray& bytes, const QStringList& knownLessons, QString* error);
  static std::optional<LessonFile> fromJson(const QJsonObject& object, const QStringList& knownLessons, QString* error);
  static std::optional<LessonFile> fromLink(const QString& text, const QStringList& knownLessons, QString* error);
  // Reads a file (refusing one over kMaxBytes); the error names the file.
  static std::optional<LessonFile> read(const QString& path, const QStringList& knownLessons, QString* error);
  // Writes atomically (QSaveFile); false with *error naming the file.
  bool write(const QString& path, QString* error) const;

  static bool looksLikeLink(const QString& text);
};

// Typed, range-checked reading of one JSON object (a lesson's "state" or a part of it). Each
// reader leaves *out unchanged when the key is absent (so callers pre-fill defaults) and records
// the first problem; finish() also reports keys nobody read (typos). Messages name the key path.
class JsonFields {
 public:
  JsonFields(const QJsonObject& object, const QString& path = QString());

  bool integer(const QString& key, qint64 lo, qint64 hi, qint64* out);
  bool integer(const QString& key, int lo, int hi, int* out);
  bool number(const QString& key, double lo, double hi, double* out);
  bool boolean(const QString& key, bool* out);
  bool string(const QString& key, int maxLength, QString* out);
  // One of `allowed` (exact spelling).
  bool choice(const QString& key, const QStringList& allowed, QString* out);
  bool object(const QString& key, QJsonObject* out);
  bool array(const QString& key, int maxItems, QJsonArray* out);
  bool has(const QString& key) const { return m_object.contains(key); }

  bool fail(const QString& message);  // records it (if first) and returns false
  bool finish();                      // false when a problem was recorded or a key was not read
  bool ok() const { return m_error.isEmpty(); }
  QString error() const { return m_error; }
  QString where(const QString& key) const;  // "state.sampler.eta"

 private:
  const QJsonValue* value(const QString& key);

  QJsonObject m_object;
  QString m_path;
  QSet<QString> m_read;
  QString m_error;
  QJsonValue m_current;
};

// Reads a list of [x, y, …] points of `dim` numbers each (|v| ≤ limit) into a flat vector.
bool readPoints(const QJsonArray& array, int dim, double limit, int maxPoints, const QString& where,
                std::vector<double>* out, QString* error);

}  // namespace ds::ui
