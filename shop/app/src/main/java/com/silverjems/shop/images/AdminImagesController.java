package com.silverjems.shop.images;

import com.silverjems.shop.shopper.CurrentShopper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Admin API for a product's photos: upload an original, follow what the pipeline made of it. */
@RestController
@RequestMapping("/api/admin/products/{slug}/images")
class AdminImagesController {

  private final ImageUploads uploads;

  AdminImagesController(ImageUploads uploads) {
    this.uploads = uploads;
  }

  @GetMapping
  ImageUploads.Photos photos(@PathVariable String slug) {
    return uploads.photos(slug);
  }

  /** 202: stored for the pipeline, which publishes (or refuses) it shortly. */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImageUploads.Upload> upload(
      @PathVariable String slug,
      @RequestParam("file") MultipartFile file,
      HttpServletRequest request) {
    ImageUploads.Upload upload =
        uploads.upload(
            slug,
            file.getOriginalFilename(),
            file.getSize(),
            file::getInputStream,
            CurrentShopper.actor(request));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(upload);
  }
}
