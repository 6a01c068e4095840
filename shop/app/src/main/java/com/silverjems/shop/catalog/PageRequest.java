package com.silverjems.shop.catalog;

/** A validated page of a listing: page numbers from 0, at most 100 items a page. */
record PageRequest(int page, int size) {

  static final int MAX_SIZE = 100;

  static PageRequest of(int page, int size) {
    if (page < 0) {
      throw new InvalidPageRequest("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidPageRequest("size must be between 1 and " + MAX_SIZE + ", was " + size);
    }
    return new PageRequest(page, size);
  }

  long offset() {
    return (long) page * size;
  }
}
