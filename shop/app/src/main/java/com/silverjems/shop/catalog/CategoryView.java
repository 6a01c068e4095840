package com.silverjems.shop.catalog;

record CategoryView(String slug, String name) {}
