//! Finds where a field stands in JSON text, so that an error about a value
//! names the line and column the user typed it on.

/// The 1-based line and column (in characters) of the key of `path` (or of
/// the element, for a path ending in `[i]`) in valid JSON `text`.
pub(crate) fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    if path.is_empty() {
        return None;
    }
    let mut s = Scan {
        b: text.as_bytes(),
        i: 0,
    };
    let at = s.value("", path)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
        // A byte-order mark before the document.
        if self.b[self.i..].starts_with("\u{feff}".as_bytes()) {
            self.i += 3;
            self.ws();
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips a string and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    let raw = std::str::from_utf8(&self.b[start..self.i]).ok()?;
                    return serde_json::from_str(raw).ok();
                }
                _ => self.i += 1,
            }
        }
        None
    }

    /// Walks one value at `here`; returns the offset of `target` if it is
    /// inside.
    fn value(&mut self, here: &str, target: &str) -> Option<usize> {
        self.ws();
        match self.peek()? {
            b'{' => {
                self.i += 1;
                loop {
                    self.ws();
                    match self.peek()? {
                        b'}' => {
                            self.i += 1;
                            return None;
                        }
                        b',' => self.i += 1,
                        b'"' => {
                            let at = self.i;
                            let key = self.string()?;
                            let child = if here.is_empty() {
                                key
                            } else {
                                format!("{here}.{key}")
                            };
                            if child == target {
                                return Some(at);
                            }
                            self.ws();
                            if self.peek()? != b':' {
                                return None;
                            }
                            self.i += 1;
                            // A value outside the target is only skipped.
                            let wanted = if target.starts_with(child.as_str()) {
                                target
                            } else {
                                "\0"
                            };
                            if let Some(found) = self.value(&child, wanted) {
                                return Some(found);
                            }
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut index = 0;
                loop {
                    self.ws();
                    match self.peek()? {
                        b']' => {
                            self.i += 1;
                            return None;
                        }
                        b',' => {
                            self.i += 1;
                            index += 1;
                        }
                        _ => {
                            let child = format!("{here}[{index}]");
                            if child == target {
                                return Some(self.i);
                            }
                            if let Some(found) = self.value(&child, target) {
                                return Some(found);
                            }
                        }
                    }
                }
            }
            b'"' => {
                self.string()?;
                None
            }
            _ => {
                while self.i < self.b.len() && !matches!(self.b[self.i], b',' | b']' | b'}') {
                    self.i += 1;
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn keys_and_elements_are_found() {
        let text = "{\n  \"a\": 1,\n  \"项目\": [\n    {\"x\": \"\\\"}\"},\n    {\"培训人数\": \"四十\"}\n  ]\n}";
        assert_eq!(locate(text, "a"), Some((2, 3)));
        assert_eq!(locate(text, "项目[1].培训人数"), Some((5, 6)));
        assert_eq!(locate(text, "项目[1]"), Some((5, 5)));
        assert_eq!(locate(text, "项目[0].x"), Some((4, 6)));
        assert_eq!(locate(text, "b"), None);
        assert_eq!(locate(text, ""), None);
    }
}
